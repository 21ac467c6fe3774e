package org.mediarelay.sdp.attribute;

import java.util.Locale;
import java.util.Optional;

/** {@code a=setup:} (RFC 4145 §4): which side opens the (DTLS) connection. */
public enum Setup {
    ACTIVE,
    PASSIVE,
    ACTPASS,
    HOLDCONN;

    public static final String NAME = "setup";

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role for a token, or empty for one this version does not know (it is still forwarded). */
    public static Optional<Setup> fromToken(String token) {
        for (Setup s : values()) {
            if (s.token().equalsIgnoreCase(token.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
