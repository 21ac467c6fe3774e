package org.mediarelay.node.api;

import java.util.Locale;

/** Why a node reports that a session has expired. */
public enum ExpiryReason {
    /** After the answer, no packet on any relayed stream for the no-media timeout. */
    NO_MEDIA,
    /** The same, for a session whose streams were all on hold (the longer on-hold timeout). */
    ON_HOLD_TIMEOUT,
    /** An offer that no answer followed. */
    OFFER_TIMEOUT,
    /** The session reached the maximum call duration. */
    MAX_DURATION;

    /** {@code no-media}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ExpiryReason fromToken(String token) {
        return valueOf(token.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
