package org.mediarelay.accounting.cdr;

/** Packets and bytes (UDP payload) in one direction; 64-bit, never truncated. */
public record Flow(long packets, long bytes) {

    public static final Flow ZERO = new Flow(0, 0);

    public Flow {
        if (packets < 0 || bytes < 0) {
            throw new IllegalArgumentException("counters cannot be negative");
        }
    }
}
