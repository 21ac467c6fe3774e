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
 *
 * <p>Four fields rather than an array: this object takes the array's place, so that a packet reaches its legs
 * through as many objects as before this class existed (each is a cache line a packet may miss).
 */
final class Legs {

    private final Leg callerRtp;
    private final Leg callerRtcp;
    private final Leg calleeRtp;
    private final Leg calleeRtcp;

    Legs(MediaStream stream, PortPair callerFacing, PortPair calleeFacing, LatchPolicy policy) {
        callerRtp = new Leg(stream, Party.CALLER, Component.RTP, callerFacing.rtp(), policy);
        callerRtcp = new Leg(stream, Party.CALLER, Component.RTCP, callerFacing.rtcp(), policy);
        calleeRtp = new Leg(stream, Party.CALLEE, Component.RTP, calleeFacing.rtp(), policy);
        calleeRtcp = new Leg(stream, Party.CALLEE, Component.RTCP, calleeFacing.rtcp(), policy);
    }

    Leg of(Party p, Component c) {
        if (p == Party.CALLER) {
            return c == Component.RTP ? callerRtp : callerRtcp;
        }
        return c == Component.RTP ? calleeRtp : calleeRtcp;
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
        for (Leg leg : all()) {
            plane.register(loop, leg.channel);
        }
    }

    /** Closes sockets never started: their ports are free on return. */
    void abandon(DataPlane plane) {
        for (Leg leg : all()) {
            if (leg.channel != null) {
                plane.abandon(leg.channel);
                leg.channel = null;
            }
        }
    }

    /** Every latch learns as {@code learning} says from now on. */
    void learning(EndpointLearning learning) {
        for (Leg leg : all()) {
            leg.latch.learning(learning);
        }
    }

    /** Writes queued since the last flush go out (after each read batch: no iterator, no lambda). */
    void flush() {
        flush(callerRtp);
        flush(callerRtcp);
        flush(calleeRtp);
        flush(calleeRtcp);
    }

    private static void flush(Leg leg) {
        if (leg.flushPending) {
            leg.flushPending = false;
            if (leg.channel != null) {
                leg.channel.flush();
            }
        }
    }

    /** Closes the sockets; each future completes when its socket is closed. */
    List<CompletableFuture<Void>> close() {
        List<CompletableFuture<Void>> closed = new ArrayList<>(4);
        for (Leg leg : all()) {
            if (leg.channel != null) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                leg.channel.close().addListener(f -> done.complete(null));
                closed.add(done);
                leg.channel = null;
            }
        }
        return closed;
    }

    /** The four, for what runs once per stream (a packet uses {@link #of}). */
    private Leg[] all() {
        return new Leg[] {callerRtp, callerRtcp, calleeRtp, calleeRtcp};
    }
}
