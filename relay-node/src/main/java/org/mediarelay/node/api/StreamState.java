package org.mediarelay.node.api;

import java.util.Locale;

/** Whether the node still carries a stream. */
public enum StreamState {
    /** Its ports are open and it relays. */
    RELAYED,
    /** ICE took a path around the relay: the node freed the stream's ports (its counters are final). */
    ICE_DIRECT;

    public String token() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static StreamState fromToken(String token) {
        return valueOf(token.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
