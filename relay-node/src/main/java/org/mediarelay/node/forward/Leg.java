package org.mediarelay.node.forward;

import io.netty.channel.Channel;
import java.util.EnumMap;
import java.util.Map;
import org.mediarelay.node.api.Component;
import org.mediarelay.node.api.Counter;
import org.mediarelay.node.api.DropReason;
import org.mediarelay.node.api.Party;

/**
 * One relay socket: it faces one party for one component. It receives what that party sends (counted here) and
 * sends that party what the other party sends. Confined to its stream's event loop.
 */
final class Leg {

    final Party party;
    final Component component;
    final int localPort;
    final Latch latch = new Latch();
    /** Set once bound; null until then and after close. */
    Channel channel;
    /** A write was queued on {@link #channel} since the last flush. */
    boolean flushPending;

    private long packets;
    private long bytes;
    private final long[] drops = new long[DropReason.values().length];

    Leg(Party party, Component component, int localPort) {
        this.party = party;
        this.component = component;
        this.localPort = localPort;
    }

    void received(int length) {
        packets++;
        bytes += length;
    }

    void dropped(DropReason reason) {
        drops[reason.ordinal()]++;
    }

    Counter counter() {
        return new Counter(packets, bytes);
    }

    Map<DropReason, Long> drops() {
        Map<DropReason, Long> out = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            if (drops[r.ordinal()] > 0) {
                out.put(r, drops[r.ordinal()]);
            }
        }
        return out;
    }
}
