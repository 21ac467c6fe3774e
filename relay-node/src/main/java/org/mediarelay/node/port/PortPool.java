package org.mediarelay.node.port;

import java.util.BitSet;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.mediarelay.node.api.PortPair;

/**
 * The free RTP/RTCP pairs of one port range.
 *
 * <p>Order matters for security and for late packets. Free pairs wait in a FIFO; a new allocation takes a random pair
 * from the older half of it. An attacker cannot predict the next pair (RTP Bleed relies on predictable ports), and a
 * pair just released, which may still receive the old call's late packets, is reused as late as possible.
 *
 * <p>Thread-safe; every operation is O(1). Exhaustion is a normal answer ({@link Optional#empty()}), not an error.
 */
public final class PortPool {

    private final PortRange range;
    private final RandomGenerator random;
    private final int[] ring;
    private final BitSet inUse;
    private int head;
    private int size;

    public PortPool(PortRange range, RandomGenerator random) {
        this.range = range;
        this.random = random;
        this.ring = new int[range.pairCount()];
        this.inUse = new BitSet(ring.length);
        for (int i = 0; i < ring.length; i++) {
            ring[i] = i;
        }
        this.size = ring.length;
        shuffle();
    }

    public synchronized Optional<PortPair> allocate() {
        if (size == 0) {
            return Optional.empty();
        }
        int window = Math.max(1, size / 2);
        int pick = (head + random.nextInt(window)) % ring.length;
        int slot = ring[pick];
        ring[pick] = ring[head];
        head = (head + 1) % ring.length;
        size--;
        inUse.set(slot);
        return Optional.of(pairOf(slot));
    }

    /** Returns a pair to the back of the queue. Releasing a pair that is not allocated is a bug. */
    public synchronized void release(PortPair pair) {
        int slot = slotOf(pair);
        if (!inUse.get(slot)) {
            throw new IllegalStateException("port pair " + pair + " released twice or never allocated");
        }
        inUse.clear(slot);
        ring[(head + size) % ring.length] = slot;
        size++;
    }

    public synchronized int free() {
        return size;
    }

    public int capacity() {
        return ring.length;
    }

    public PortRange range() {
        return range;
    }

    private PortPair pairOf(int slot) {
        return PortPair.startingAt(range.firstRtpPort() + 2 * slot);
    }

    private int slotOf(PortPair pair) {
        int offset = pair.rtp() - range.firstRtpPort();
        if (offset < 0 || (offset & 1) != 0 || offset / 2 >= ring.length || pair.rtcp() != pair.rtp() + 1) {
            throw new IllegalArgumentException("port pair " + pair + " is not from range " + range);
        }
        return offset / 2;
    }

    private void shuffle() {
        for (int i = ring.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = ring[i];
            ring[i] = ring[j];
            ring[j] = t;
        }
    }
}
