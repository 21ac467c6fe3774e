package org.mediarelay.node.latch;

import java.net.InetSocketAddress;

/**
 * The runs of the last few sources that are tied to nothing: for each, how many consecutive packets of one stream (one
 * SSRC, each sequence number one more than the last) it has sent. A source spraying random packets never gets past a
 * run of one, and does not push out a source whose run is longer. Confined to its latch's thread.
 */
final class SourceRuns {

    static final int SLOTS = 4;

    private final InetSocketAddress[] sources = new InetSocketAddress[SLOTS];
    private final long[] ssrcs = new long[SLOTS];
    private final int[] sequences = new int[SLOTS];
    private final int[] runs = new int[SLOTS];
    private final long[] lastSeen = new long[SLOTS];
    private final long staleMillis;

    /** @param staleMillis a source silent this long starts its run again */
    SourceRuns(long staleMillis) {
        this.staleMillis = staleMillis;
    }

    /** Records a packet of {@code ssrc} and sequence {@code seq} from {@code from}; its run, this packet included. */
    int record(InetSocketAddress from, long ssrc, int seq, long now) {
        int slot = slotOf(from);
        if (slot < 0) {
            slot = victim();
            sources[slot] = from;
            runs[slot] = 0;
        }
        boolean continues = runs[slot] > 0 && now - lastSeen[slot] < staleMillis && ssrcs[slot] == ssrc
                && seq == ((sequences[slot] + 1) & 0xFFFF);
        runs[slot] = continues ? runs[slot] + 1 : 1;
        ssrcs[slot] = ssrc;
        sequences[slot] = seq;
        lastSeen[slot] = now;
        return runs[slot];
    }

    private int slotOf(InetSocketAddress from) {
        for (int i = 0; i < SLOTS; i++) {
            if (from.equals(sources[i])) {
                return i;
            }
        }
        return -1;
    }

    /** An empty slot, else the one with the shortest run, the least recently heard among equals. */
    private int victim() {
        int best = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (sources[i] == null) {
                return i;
            }
            if (runs[i] < runs[best] || (runs[i] == runs[best] && lastSeen[i] < lastSeen[best])) {
                best = i;
            }
        }
        return best;
    }
}
