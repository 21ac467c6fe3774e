package org.mediarelay.node.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One media stream to relay, identified within its session by the index of its {@code m=} line.
 *
 * @param clockRates  RTP clock rate by payload type, from the party's {@code a=rtpmap} lines (for jitter); the
 *                    static payload types need no entry
 * @param peerRtcpMux whether the <em>other</em> party multiplexes RTCP, when this signalling settles it: an answer
 *                    tells the offerer whether its offer of {@code a=rtcp-mux} was taken (RFC 5761 §5.1.1), and the
 *                    relay may have answered it otherwise than the answerer did (ng {@code rtcp-mux}); empty when
 *                    it stays as the other party's own SDP said
 */
public record StreamSetup(int index, String media, PartyHints hints, Map<Integer, Integer> clockRates,
                          Optional<Boolean> peerRtcpMux) {

    public StreamSetup {
        Objects.requireNonNull(media);
        Objects.requireNonNull(hints);
        clockRates = Map.copyOf(clockRates);
        Objects.requireNonNull(peerRtcpMux);
    }

    public StreamSetup(int index, String media, PartyHints hints, Map<Integer, Integer> clockRates) {
        this(index, media, hints, clockRates, Optional.empty());
    }

    public StreamSetup(int index, String media, PartyHints hints) {
        this(index, media, hints, Map.of(), Optional.empty());
    }

    public StreamSetup withPeerRtcpMux(boolean mux) {
        return new StreamSetup(index, media, hints, clockRates, Optional.of(mux));
    }
}
