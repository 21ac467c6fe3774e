package org.mediarelay.accounting.cdr;

import java.util.Objects;
import java.util.Optional;

/**
 * One party's side of a relayed stream: the relay ports facing it, where it was latched, and what was received from
 * it (and forwarded to the other party).
 *
 * @param latchedRtp the {@code ip:port} its RTP really came from, if it sent any
 * @param stun       ICE connectivity checks and their responses forwarded from it
 * @param dropped    packets received from it or for it that were not forwarded
 * @param quality    reception quality of its RTP, if it sent any
 * @param media      first and last packet, codecs used, key exchange, drops by reason, relatches
 */
public record CdrParty(int relayRtpPort, int relayRtcpPort, Optional<String> latchedRtp, Flow rtp, Flow rtcp,
                       Flow stun, long dropped, Optional<CdrQuality> quality, CdrMedia media) {

    public CdrParty {
        Objects.requireNonNull(media);
    }

    /** Without the media details ({@link CdrMedia#NONE}). */
    public CdrParty(int relayRtpPort, int relayRtcpPort, Optional<String> latchedRtp, Flow rtp, Flow rtcp, Flow stun,
                    long dropped, Optional<CdrQuality> quality) {
        this(relayRtpPort, relayRtcpPort, latchedRtp, rtp, rtcp, stun, dropped, quality, CdrMedia.NONE);
    }
}
