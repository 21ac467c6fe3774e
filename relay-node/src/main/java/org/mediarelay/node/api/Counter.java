package org.mediarelay.node.api;

/** Packets and bytes (UDP payload), 64-bit: a long call at video rates passes 2^32 bytes. */
public record Counter(long packets, long bytes) {

    public static final Counter ZERO = new Counter(0, 0);

    public Counter plus(Counter o) {
        return new Counter(packets + o.packets, bytes + o.bytes);
    }
}
