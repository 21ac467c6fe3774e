package org.mediarelay.node.api;

import java.util.Locale;
import java.util.Optional;

/**
 * How a relay learns where a party really sends from: the names of rtpengine's {@code endpoint-learning}, with the
 * meaning docs/media.md gives each. Every mode ranks sources by what the signalling says (the exact SDP address, the
 * SDP address on another port, the SIP source address); they differ in what they do with a source tied to none of
 * these.
 */
public enum EndpointLearning {
    /**
     * The default. As {@link #DELAYED}, and a source tied to nothing may still take a party whose media comes from
     * elsewhere (a carrier's media gateway, a proxy behind a load balancer): only while nothing is confirmed for it,
     * only once the other party has proven itself from an address its signalling named, and only after the source has
     * sent one stream (one SSRC, continuous sequence numbers) for several packets.
     */
    HEURISTIC,
    /** A source tied to nothing is taken only at the end of a learning window in which it alone sent, as one stream. */
    DELAYED,
    /** Only sources the signalling names are ever used. */
    OFF,
    /** Unsafe: the newest source of any kind takes a party over at once while learning is open (RTP Bleed). */
    IMMEDIATE;

    /** The lower-case name used in configuration and over ng. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EndpointLearning> parse(String token) {
        for (EndpointLearning l : values()) {
            if (l.token().equalsIgnoreCase(token.trim())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
