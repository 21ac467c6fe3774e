package org.mediarelay.node.api;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the relay received from one party on one stream and forwarded to the other, and what it learned about it.
 *
 * @param rtp, rtcp, stun, keyExchange, udptl, other packets and bytes forwarded, by kind (key exchange: DTLS, ZRTP;
 *                     udptl: T.38 fax; other: any other UDP media the SDP described)
 * @param drops        packets received and not forwarded, by reason
 * @param latchedRtp   the confirmed source of its RTP (after NAT)
 * @param latchedRtcp  the same for RTCP (absent with rtcp-mux)
 * @param firstPacket  when the first packet was forwarded from it
 * @param lastPacket   when the last one was
 * @param ssrcs        the RTP SSRCs it sent (at most a few are kept)
 * @param payloadTypes the RTP payload types it sent, ascending (its codecs)
 * @param quality      reception quality of its RTP, once it sent some
 * @param relatches    how often its source changed after confirmation (NAT rebinding)
 * @param kernel       of {@code rtp}, what the kernel forwarded (the kernel path); quality covers the rest
 */
public record PartyFlow(Counter rtp, Counter rtcp, Counter stun, Counter keyExchange, Counter udptl, Counter other,
                        Map<DropReason, Long> drops,
                        Optional<InetSocketAddress> latchedRtp, Optional<InetSocketAddress> latchedRtcp,
                        Optional<Instant> firstPacket, Optional<Instant> lastPacket, List<Long> ssrcs,
                        List<Integer> payloadTypes, Optional<RtpQuality> quality, int relatches, Counter kernel) {

    public static final PartyFlow NONE = new PartyFlow(Counter.ZERO, Counter.ZERO, Counter.ZERO, Counter.ZERO,
            Counter.ZERO, Counter.ZERO, Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(),
            Optional.empty(), 0, Counter.ZERO);

    public PartyFlow {
        Objects.requireNonNull(rtp);
        Objects.requireNonNull(rtcp);
        Objects.requireNonNull(stun);
        Objects.requireNonNull(keyExchange);
        Objects.requireNonNull(udptl);
        Objects.requireNonNull(other);
        Objects.requireNonNull(kernel);
        drops = Map.copyOf(drops);
        ssrcs = List.copyOf(ssrcs);
        payloadTypes = List.copyOf(payloadTypes);
    }

    /** Without a kernel part: all of it through userspace. */
    public PartyFlow(Counter rtp, Counter rtcp, Counter stun, Counter keyExchange, Counter udptl, Counter other,
                     Map<DropReason, Long> drops, Optional<InetSocketAddress> latchedRtp,
                     Optional<InetSocketAddress> latchedRtcp, Optional<Instant> firstPacket,
                     Optional<Instant> lastPacket, List<Long> ssrcs, List<Integer> payloadTypes,
                     Optional<RtpQuality> quality, int relatches) {
        this(rtp, rtcp, stun, keyExchange, udptl, other, drops, latchedRtp, latchedRtcp, firstPacket, lastPacket, ssrcs,
                payloadTypes, quality, relatches, Counter.ZERO);
    }

    public long dropped() {
        return drops.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Media forwarded from this party: anything but STUN, which is ICE's. */
    public boolean sentMedia() {
        return rtp.packets() + rtcp.packets() + keyExchange.packets() + udptl.packets() + other.packets() > 0;
    }
}
