package org.mediarelay.node.forward;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mediarelay.node.api.Component;
import org.mediarelay.node.api.EndpointLearning;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.latch.LatchPolicy;

/**
 * A stream's four sockets, by party and component, through their life: taken bound ({@link #take}), put on the
 * stream's loop ({@link #start}), flushed after each read batch, closed. Confined to the stream's loop once started.
 */
final class Legs {

    /** By {@code party.ordinal() * 2 + component.ordinal()}. */
    private final Leg[] legs = new Leg[4];

    Legs(MediaStream stream, PortPair callerFacing, PortPair calleeFacing, LatchPolicy policy) {
        for (Party p : Party.values()) {
            PortPair pair = p == Party.CALLER ? callerFacing : calleeFacing;
            legs[slot(p, Component.RTP)] = new Leg(stream, p, Component.RTP, pair.rtp(), policy);
            legs[slot(p, Component.RTCP)] = new Leg(stream, p, Component.RTCP, pair.rtcp(), policy);
        }
    }

    Leg of(Party p, Component c) {
        return legs[slot(p, c)];
    }

    /** The bound sockets of the pair facing {@code party}, each with its leg as its only handler. */
    void take(Party party, BoundPair pair) {
        Leg rtp = of(party, Component.RTP);
        Leg rtcp = of(party, Component.RTCP);
        rtp.channel = pair.rtp;
        rtcp.channel = pair.rtcp;
        rtp.channel.pipeline().addLast(rtp);
        rtcp.channel.pipeline().addLast(rtcp);
    }

    /** Puts the sockets on {@code loop}, where they start receiving. */
    void start(DataPlane plane, EventLoop loop) {
        for (Leg leg : legs) {
            plane.register(loop, leg.channel);
        }
    }

    /** Closes sockets never started: their ports are free on return. */
    void abandon(DataPlane plane) {
        for (Leg leg : legs) {
            if (leg.channel != null) {
                plane.abandon(leg.channel);
                leg.channel = null;
            }
        }
    }

    /** Every latch learns as {@code learning} says from now on. */
    void learning(EndpointLearning learning) {
        for (Leg leg : legs) {
            leg.latch.learning(learning);
        }
    }

    /** Writes queued since the last flush go out. */
    void flush() {
        for (Leg leg : legs) {
            if (leg.flushPending) {
                leg.flushPending = false;
                if (leg.channel != null) {
                    leg.channel.flush();
                }
            }
        }
    }

    /** Closes the sockets; each future completes when its socket is closed. */
    List<CompletableFuture<Void>> close() {
        List<CompletableFuture<Void>> closed = new ArrayList<>(legs.length);
        for (Leg leg : legs) {
            if (leg.channel != null) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                leg.channel.close().addListener(f -> done.complete(null));
                closed.add(done);
                leg.channel = null;
            }
        }
        return closed;
    }

    private static int slot(Party p, Component c) {
        return p.ordinal() * 2 + c.ordinal();
    }
}
