package org.mediarelay.sdp.ice;

import java.util.Locale;
import java.util.Objects;

/**
 * The {@code typ} of a candidate (RFC 8839 §5.1): {@code host}, {@code srflx}, {@code prflx}, {@code relay}, or any
 * other token a future extension defines. Open on purpose: an unknown type is kept, not refused, because the relay
 * only forwards it.
 */
public record CandidateType(String token) {

    public static final CandidateType HOST = new CandidateType("host");
    public static final CandidateType SRFLX = new CandidateType("srflx");
    public static final CandidateType PRFLX = new CandidateType("prflx");
    public static final CandidateType RELAY = new CandidateType("relay");

    public CandidateType {
        Objects.requireNonNull(token);
        if (token.isEmpty()) {
            throw new IllegalArgumentException("empty candidate type");
        }
    }

    /** One of the four types RFC 8445 defines, compared case-insensitively. */
    public boolean isKnown() {
        String t = token.toLowerCase(Locale.ROOT);
        return t.equals("host") || t.equals("srflx") || t.equals("prflx") || t.equals("relay");
    }

    public boolean is(CandidateType other) {
        return token.equalsIgnoreCase(other.token);
    }
}
