package org.mediarelay.accounting.cdr;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When and how one party's media crossed the relay on one stream, beyond the counters.
 *
 * @param firstPacket  when the relay forwarded its first packet (RTP, RTCP or key exchange)
 * @param lastPacket   when it forwarded its last
 * @param payloadTypes the RTP payload types it sent, ascending: the codecs really used
 * @param keyExchange  DTLS or ZRTP packets forwarded from it
 * @param udptl        T.38 fax (UDPTL) packets forwarded from it
 * @param other        packets of any other non-RTP UDP media forwarded from it (BFCP, data channels, ...)
 * @param drops        packets received on its ports and not forwarded, by reason ({@code strict-source}, ...)
 * @param relatches    how often its confirmed source changed (NAT rebinding)
 * @param sdpRtp       the {@code ip:port} its latest SDP asked to receive RTP at (compare with where it sent from)
 * @param kernelRtp    of its RTP, what the kernel forwarded (the kernel path): counted, not seen, so the quality
 *                     figures cover only the rest
 */
public record CdrMedia(Optional<Instant> firstPacket, Optional<Instant> lastPacket, List<Integer> payloadTypes,
                       Flow keyExchange, Flow udptl, Flow other, Map<String, Long> drops, int relatches,
                       Optional<String> sdpRtp, Flow kernelRtp) {

    public static final CdrMedia NONE = new CdrMedia(Optional.empty(), Optional.empty(), List.of(), Flow.ZERO,
            Flow.ZERO, Flow.ZERO, Map.of(), 0, Optional.empty(), Flow.ZERO);

    public CdrMedia {
        Objects.requireNonNull(firstPacket);
        Objects.requireNonNull(lastPacket);
        payloadTypes = List.copyOf(payloadTypes);
        Objects.requireNonNull(keyExchange);
        Objects.requireNonNull(udptl);
        Objects.requireNonNull(other);
        drops = Map.copyOf(drops);
        Objects.requireNonNull(sdpRtp);
        Objects.requireNonNull(kernelRtp);
    }

    /** All through userspace. */
    public CdrMedia(Optional<Instant> firstPacket, Optional<Instant> lastPacket, List<Integer> payloadTypes,
                    Flow keyExchange, Flow udptl, Flow other, Map<String, Long> drops, int relatches,
                    Optional<String> sdpRtp) {
        this(firstPacket, lastPacket, payloadTypes, keyExchange, udptl, other, drops, relatches, sdpRtp, Flow.ZERO);
    }
}
