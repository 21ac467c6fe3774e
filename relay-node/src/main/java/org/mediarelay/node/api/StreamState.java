package org.mediarelay.node.api;

import java.util.Locale;

/** Whether the node still carries a stream. */
public enum StreamState {
    /** Its ports are open and it relays. */
    RELAYED,
    /** ICE took a path around the relay: the node freed the stream's ports (its counters are final). */
    ICE_DIRECT,
    /** A re-offer or answer took the stream away (port 0, or gone from the description): its ports are freed. */
    REMOVED;

    public String token() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static StreamState fromToken(String token) {
        return valueOf(token.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
