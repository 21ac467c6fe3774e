package org.mediarelay.accounting.cdr;

import java.util.Locale;

/** What became of a stream's media, as the CDR's {@code path} says. */
public enum StreamPath {
    /** Media went both ways through the relay. */
    RELAYED,
    /** ICE took the media around the relay: not dead media, and not relayed traffic to bill. */
    ICE_DIRECT,
    /** Media came from one party only. */
    ONE_WAY,
    /** No media crossed the relay. */
    NO_MEDIA;

    public String token() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static StreamPath fromToken(String token) {
        return valueOf(token.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
