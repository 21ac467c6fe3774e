package org.mediarelay.node.api;

import java.util.Locale;

/** Why a received packet was not forwarded. Every drop is counted under one of these. */
public enum DropReason {
    /** The leg has latched to another source; this one is a stranger (RTP Bleed/Inject attempt or stray). */
    FOREIGN_SOURCE,
    /** The other party's address is not known yet (no SDP address and nothing received from it). */
    NO_DESTINATION,
    /** The outgoing socket's buffer is full: the relay is overloaded, dropping beats queueing late audio. */
    SEND_BUFFER_FULL;

    /** The name used in JSON and metrics: {@code foreign-source}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DropReason fromToken(String token) {
        return valueOf(token.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
