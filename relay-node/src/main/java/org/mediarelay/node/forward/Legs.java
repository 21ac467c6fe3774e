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

    /** The bound sockets of the pair facing {@code party}. */
    void take(Party party, BoundPair pair) {
        of(party, Component.RTP).socket = pair.rtp;
        of(party, Component.RTCP).socket = pair.rtcp;
    }

    /** Puts the sockets on {@code loop}, where they start receiving, each with its leg as its receiver. */
    void start(EventLoop loop) {
        for (Leg leg : all()) {
            leg.socket.start(loop, leg);
        }
    }

    /** Closes sockets never started: their ports are free on return. */
    void abandon() {
        for (Leg leg : all()) {
            if (leg.socket != null) {
                leg.socket.abandon();
                leg.socket = null;
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
        if (leg.socket != null) {
            leg.socket.flush();
        }
    }

    /** Closes the sockets; each future completes when its socket is closed. */
    List<CompletableFuture<Void>> close() {
        List<CompletableFuture<Void>> closed = new ArrayList<>(4);
        for (Leg leg : all()) {
            if (leg.socket != null) {
                closed.add(leg.socket.closeOnLoop());
                leg.socket = null;
            }
        }
        return closed;
    }

    /** The four, for what runs once per stream (a packet uses {@link #of}). */
    private Leg[] all() {
        return new Leg[] {callerRtp, callerRtcp, calleeRtp, calleeRtcp};
    }
}
