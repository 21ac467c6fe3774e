package org.mediarelay.node.api;

import java.util.Locale;

/** Why a received packet was not forwarded. Every drop is counted under one of these. */
public enum DropReason {
    /** A source is confirmed for this party and this packet came from another (RTP Bleed/Inject attempt or stray). */
    STRICT_SOURCE,
    /** Learning is under way and its source ranks too low to be used yet (before learning completed). */
    LEARNING,
    /** Nothing ties its source to the party and no learning window is open. */
    UNKNOWN_SOURCE,
    /** Not RTP, RTCP, STUN or key exchange, or truncated. */
    MALFORMED,
    /** The other party's address is not known yet (no SDP address and nothing received from it). */
    NO_DESTINATION,
    /** The outgoing socket's buffer is full: the relay is overloaded, dropping beats queueing late audio. */
    SEND_BUFFER_FULL,
    /** The OS refused to send it: no route to the destination, a firewall's rule, an address it cannot reach. */
    SEND_FAILED;

    /** The name used in JSON and metrics: {@code strict-source}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DropReason fromToken(String token) {
        return valueOf(token.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
