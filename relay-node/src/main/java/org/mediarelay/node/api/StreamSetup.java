package org.mediarelay.node.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One media stream to relay, identified within its session by the index of its {@code m=} line.
 *
 * @param transport   what the party's {@code m=} line carries (RTP, UDPTL, other): how its packets are read. A
 *                    re-INVITE may change it (T.38: audio to image and back)
 * @param clockRates  RTP clock rate by payload type, from the party's {@code a=rtpmap} lines (for jitter); the
 *                    static payload types need no entry
 * @param peerRtcpMux whether the <em>other</em> party multiplexes RTCP, when this signalling settles it: an answer
 *                    tells the offerer whether its offer of {@code a=rtcp-mux} was taken (RFC 5761 §5.1.1), and the
 *                    relay may have answered it otherwise than the answerer did (ng {@code rtcp-mux}); empty when
 *                    it stays as the other party's own SDP said
 * @param learning    the call's endpoint learning, when the proxy chose one (ng {@code endpoint-learning}); empty
 *                    keeps what the stream has
 */
public record StreamSetup(int index, String media, Transport transport, PartyHints hints,
                          Map<Integer, Integer> clockRates, Optional<Boolean> peerRtcpMux,
                          Optional<EndpointLearning> learning) {

    public StreamSetup {
        Objects.requireNonNull(media);
        Objects.requireNonNull(transport);
        Objects.requireNonNull(hints);
        clockRates = Map.copyOf(clockRates);
        Objects.requireNonNull(peerRtcpMux);
        Objects.requireNonNull(learning);
    }

    /** An RTP stream. */
    public StreamSetup(int index, String media, PartyHints hints, Map<Integer, Integer> clockRates) {
        this(index, media, Transport.RTP, hints, clockRates, Optional.empty(), Optional.empty());
    }

    /** An RTP stream. */
    public StreamSetup(int index, String media, PartyHints hints) {
        this(index, media, hints, Map.of());
    }

    public StreamSetup withPeerRtcpMux(boolean mux) {
        return new StreamSetup(index, media, transport, hints, clockRates, Optional.of(mux), learning);
    }

    public StreamSetup withTransport(Transport t) {
        return new StreamSetup(index, media, t, hints, clockRates, peerRtcpMux, learning);
    }

    public StreamSetup withLearning(Optional<EndpointLearning> l) {
        return new StreamSetup(index, media, transport, hints, clockRates, peerRtcpMux, l);
    }
}
