package org.mediarelay.node.quality;

/**
 * Reception statistics of one RTP source as RFC 3550 defines them: packets expected from the extended highest
 * sequence number (A.1, A.3), packets lost, and interarrival jitter (A.8). Tracks the first SSRC it sees; packets of
 * other SSRCs are not part of these figures. Confined to one thread.
 */
public final class RtpReception {

    private static final int SEQ_MOD = 1 << 16;
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;

    private long ssrc = -1;
    private int baseSeq;
    private int maxSeq;
    private long cycles;
    private int badSeq = SEQ_MOD + 1;
    private long received;
    /** Interarrival jitter in RTP timestamp units, scaled by 16 (A.8's integer form). */
    private long jitter16;
    private long lastTransit;
    private boolean haveTransit;
    private int clockRate;
    /** Arrival times are counted from the first packet, so that they stay small enough to scale by a clock rate. */
    private long baseNanos = Long.MIN_VALUE;

    /**
     * Accounts one RTP packet.
     *
     * @param arrivalNanos when it arrived, on a monotonic clock
     * @param clockRate    the RTP clock rate of its payload type, or 0 when unknown (jitter is then not updated)
     */
    public void packet(long packetSsrc, int seq, long timestamp, long arrivalNanos, int clockRate) {
        if (ssrc < 0) {
            ssrc = packetSsrc;
            start(seq);
        } else if (packetSsrc != ssrc) {
            return;
        } else if (!update(seq)) {
            return;
        }
        received++;
        if (clockRate > 0) {
            jitter(timestamp, arrivalNanos, clockRate);
        }
    }

    private void start(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        cycles = 0;
        badSeq = SEQ_MOD + 1;
    }

    /** RFC 3550 A.1 {@code update_seq}, without probation: false for a packet that is not counted. */
    private boolean update(int seq) {
        int delta = (seq - maxSeq) & 0xFFFF;
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            // A very large jump: accepted only when the next packet confirms it (the source restarted).
            if (seq == badSeq) {
                start(seq);
                received = 0;
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
        }
        // else: a duplicate or a late packet, counted as received.
        return true;
    }

    private void jitter(long timestamp, long arrivalNanos, int rate) {
        if (rate != clockRate) {
            clockRate = rate;
            haveTransit = false;
        }
        if (baseNanos == Long.MIN_VALUE) {
            baseNanos = arrivalNanos;
        }
        // Microseconds times the rate: exact enough, and no overflow for years at 90 kHz.
        long arrival = (arrivalNanos - baseNanos) / 1_000 * rate / 1_000_000L;
        long transit = arrival - timestamp;
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            jitter16 += d - ((jitter16 + 8) >> 4);
        }
        lastTransit = transit;
        haveTransit = true;
    }

    public long received() {
        return received;
    }

    /** RFC 3550 A.3: extended highest sequence number received − base + 1. */
    public long expected() {
        return ssrc < 0 ? 0 : cycles + maxSeq - baseSeq + 1;
    }

    /** Expected minus received; never negative (duplicates can make received exceed expected). */
    public long lost() {
        return Math.max(0, expected() - received);
    }

    /** Interarrival jitter in milliseconds, or 0 before two packets with a known clock rate. */
    public double jitterMillis() {
        return clockRate == 0 ? 0 : (jitter16 / 16.0) * 1000.0 / clockRate;
    }

    /** The first sequence number received (the base of {@link #expected}). */
    public int baseSequence() {
        return baseSeq;
    }

    /** The clock rate of the latest packet's payload type, or 0 when unknown. */
    public int clockRate() {
        return clockRate;
    }

    /** The SSRC these figures are about, or -1 before the first packet. */
    public long ssrc() {
        return ssrc;
    }
}
