package org.mediarelay.node.forward;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mediarelay.node.api.Counter;
import org.mediarelay.node.api.DropReason;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PartyFlow;
import org.mediarelay.node.api.PartyHints;
import org.mediarelay.node.api.RtpQuality;
import org.mediarelay.node.api.Transport;
import org.mediarelay.node.latch.Admission;
import org.mediarelay.node.packet.PacketKind;
import org.mediarelay.node.quality.ClockRates;
import org.mediarelay.node.quality.Mos;
import org.mediarelay.node.quality.RtpReception;
import org.mediarelay.node.timer.NodeClock;

/**
 * One party's side of one stream: what its SDP said, and what the relay forwarded from it (64-bit counters by kind,
 * drops by reason, first and last packet, SSRCs, payload types, reception quality). Confined to the stream's loop.
 */
final class PartyState {

    private static final int MAX_SSRCS = 4;
    /** {@code values()} copies its array at each call. */
    private static final DropReason[] DROP_REASONS = DropReason.values();
    private static final int KINDS = PacketKind.values().length;
    /** Where each figure lives in {@link #figures}: packets and bytes by kind, drops by reason, SSRCs, payload types. */
    private static final int PACKETS = 0;
    private static final int BYTES = PACKETS + KINDS;
    private static final int DROPS = BYTES + KINDS;
    private static final int SSRCS = DROPS + DROP_REASONS.length;
    /** A bit per payload type (0-127): two words. */
    private static final int TYPES = SSRCS + MAX_SSRCS;
    /** Of the RTP counted, what the kernel forwarded: packets, then UDP payload bytes. */
    private static final int KERNEL = TYPES + 2;
    private static final int FIGURES = KERNEL + 2;

    final Party party;
    PartyHints hints = PartyHints.NONE;
    /** How this party's packets are read: {@link PacketKind#RTP} (classified), or UDPTL or OTHER (opaque). */
    PacketKind carries = PacketKind.RTP;
    boolean signalled;
    ClockRates clockRates = ClockRates.STATIC;

    /** The counters and sets in one array, not five: each array has a header, and every held call has two parties. */
    private final long[] figures = new long[FIGURES];
    private long firstPacket = -1;
    private long lastPacket = -1;
    private long lastMedia = -1;
    private int ssrcCount;
    private final RtpReception reception = new RtpReception();
    /** The other party's latest receiver report on this party's RTP, while the kernel forwards it (-1: none). */
    private long reportedLost = -1;
    private long reportedHighest;
    private long reportedJitter;
    private int reports;
    /** The last {@link #flow} built, and {@link #seen()} when it was. */
    private PartyFlow lastFlow;
    private long lastSeen;

    PartyState(Party party) {
        this.party = party;
    }

    /** How a party that signalled {@code t} is read: RTP is classified, anything else forwarded as it is. */
    static PacketKind carries(Transport t) {
        switch (t) {
            case UDPTL:
                return PacketKind.UDPTL;
            case OTHER:
                return PacketKind.OTHER;
            default:
                return PacketKind.RTP;
        }
    }

    /** What a packet its latch refused counts as. */
    static DropReason dropReason(Admission v) {
        switch (v) {
            case LEARNING:
                return DropReason.LEARNING;
            case STRICT_SOURCE:
                return DropReason.STRICT_SOURCE;
            default:
                return DropReason.UNKNOWN_SOURCE;
        }
    }

    void forwarded(PacketKind kind, int length, long now) {
        figures[PACKETS + kind.ordinal()]++;
        figures[BYTES + kind.ordinal()] += length;
        if (firstPacket < 0) {
            firstPacket = now;
        }
        lastPacket = now;
        if (kind != PacketKind.STUN) {
            lastMedia = now;
        }
    }

    /** {@code packets} RTP datagrams ({@code payloadBytes} of UDP payload) the kernel forwarded from this party. */
    void forwardedInKernel(long packets, long payloadBytes, long now) {
        figures[PACKETS + PacketKind.RTP.ordinal()] += packets;
        figures[BYTES + PacketKind.RTP.ordinal()] += payloadBytes;
        figures[KERNEL] += packets;
        figures[KERNEL + 1] += payloadBytes;
        if (firstPacket < 0) {
            firstPacket = now;
        }
        lastPacket = Math.max(lastPacket, now);
        lastMedia = Math.max(lastMedia, now);
    }

    /** The SSRC, codec and quality figures of a forwarded RTP packet. */
    void rtp(int payloadType, long ssrc, int sequence, long timestamp, long arrivalNanos) {
        figures[TYPES + (payloadType >> 6)] |= 1L << (payloadType & 63);
        if (ssrcCount < MAX_SSRCS && !seen(ssrc)) {
            figures[SSRCS + ssrcCount++] = ssrc;
        }
        reception.packet(ssrc, sequence, timestamp, arrivalNanos, clockRates.of(payloadType));
    }

    /**
     * The other party reported its reception of {@code ssrc} (an RTCP report block): kept when it is this party's
     * measured stream, for the quality of what the kernel forwarded.
     */
    void reported(long ssrc, int cumulativeLost, long extendedHighest, long jitter) {
        if (ssrc == reception.ssrc()) {
            reportedLost = Math.max(0, cumulativeLost);
            reportedHighest = extendedHighest;
            reportedJitter = jitter;
            reports++;
        }
    }

    void dropped(DropReason reason) {
        figures[DROPS + reason.ordinal()]++;
    }

    /** Monotonic ms of the last media (not STUN) forwarded from this party, or -1. */
    long lastMedia() {
        return lastMedia;
    }

    private boolean seen(long ssrc) {
        for (int i = 0; i < ssrcCount; i++) {
            if (figures[SSRCS + i] == ssrc) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the relay forwarded from this party so far. The same object as last time while nothing changed: packets
     * and drops only ever grow, so an unchanged sum of both (with the same latches) means the same figures, and a held
     * call that is silent (or on hold) costs nothing new at each interim report.
     */
    PartyFlow flow(Leg rtpLeg, Leg rtcpLeg, NodeClock clock) {
        long seen = seen();
        PartyFlow last = lastFlow;
        if (last != null && seen == lastSeen && rtpLeg.latch.stillConfirms(last.latchedRtp())
                && rtcpLeg.latch.stillConfirms(last.latchedRtcp())
                && rtpLeg.latch.relatches() + rtcpLeg.latch.relatches() == last.relatches()) {
            return last;
        }
        lastFlow = build(rtpLeg, rtcpLeg, clock);
        lastSeen = seen;
        return lastFlow;
    }

    /** Packets forwarded and dropped, of every kind and reason. */
    private long seen() {
        long n = 0;
        for (int i = 0; i < KINDS; i++) {
            n += figures[PACKETS + i];
        }
        for (int i = 0; i < DROP_REASONS.length; i++) {
            n += figures[DROPS + i];
        }
        return n + reports;
    }

    private PartyFlow build(Leg rtpLeg, Leg rtcpLeg, NodeClock clock) {
        Map<DropReason, Long> dropMap = new EnumMap<>(DropReason.class);
        for (DropReason r : DROP_REASONS) {
            long n = figures[DROPS + r.ordinal()];
            if (n > 0) {
                dropMap.put(r, n);
            }
        }
        List<Long> ssrcList = new ArrayList<>(ssrcCount);
        for (int i = 0; i < ssrcCount; i++) {
            ssrcList.add(figures[SSRCS + i]);
        }
        List<Integer> types = new ArrayList<>();
        for (int pt = 0; pt < 128; pt++) {
            if ((figures[TYPES + (pt >> 6)] & (1L << (pt & 63))) != 0) {
                types.add(pt);
            }
        }
        Optional<RtpQuality> quality = reception.received() == 0 ? Optional.empty() : Optional.of(quality());
        return new PartyFlow(counter(PacketKind.RTP), counter(PacketKind.RTCP), counter(PacketKind.STUN),
                counter(PacketKind.KEY_EXCHANGE), counter(PacketKind.UDPTL), counter(PacketKind.OTHER), dropMap, rtpLeg.latch.confirmed(),
                rtcpLeg.latch.confirmed(),
                instant(firstPacket, clock), instant(lastPacket, clock), ssrcList, types, quality,
                rtpLeg.latch.relatches() + rtcpLeg.latch.relatches(),
                figures[KERNEL] == 0 ? Counter.ZERO : new Counter(figures[KERNEL], figures[KERNEL + 1]));
    }

    /**
     * What the relay measured on every packet; once the kernel forwarded some, the receiving party's latest report
     * (end to end), or else the relay's figures for the packets it saw, marked partial.
     */
    private RtpQuality quality() {
        long expected = reception.expected();
        long lost = reception.lost();
        double jitter = reception.jitterMillis();
        RtpQuality.Source source = RtpQuality.Source.RELAY;
        if (figures[KERNEL] > 0) {
            long reportedExpected = reportedHighest - reception.baseSequence() + 1;
            if (reportedLost >= 0 && reportedExpected > 0 && reception.clockRate() > 0) {
                expected = reportedExpected;
                lost = Math.min(reportedLost, reportedExpected);
                jitter = reportedJitter * 1000.0 / reception.clockRate();
                source = RtpQuality.Source.RTCP;
            } else {
                source = RtpQuality.Source.RELAY_PARTIAL;
            }
        }
        return new RtpQuality(expected, lost, jitter, Mos.estimate(expected == 0 ? 0 : (double) lost / expected, jitter),
                source);
    }

    /** Kinds a party never sent share one zero counter (a held call keeps its last figures). */
    private Counter counter(PacketKind kind) {
        long p = figures[PACKETS + kind.ordinal()];
        long b = figures[BYTES + kind.ordinal()];
        return p == 0 && b == 0 ? Counter.ZERO : new Counter(p, b);
    }

    private static Optional<Instant> instant(long monotonicMillis, NodeClock clock) {
        return monotonicMillis < 0 ? Optional.empty() : Optional.of(clock.instantOf(monotonicMillis));
    }
}
