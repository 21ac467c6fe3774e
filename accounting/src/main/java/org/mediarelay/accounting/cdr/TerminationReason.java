package org.mediarelay.accounting.cdr;

import java.util.Locale;

/** Why a session ended, as written in the CDR's {@code reason}. */
public enum TerminationReason {
    /** The proxy deleted the session (BYE, CANCEL, or a failure reply). */
    REGULAR,
    /** mediarelay itself stopped (SIGTERM / Ctrl-C) while the session was open. */
    SHUTDOWN,
    /** After the answer no media crossed the relay for the no-media timeout. */
    TIMEOUT,
    /** The same, with every silent stream on hold (the longer on-hold timeout). */
    ON_HOLD_TIMEOUT,
    /** No answer followed the offer in time. */
    OFFER_TIMEOUT,
    /** The session reached the maximum call duration. */
    MAX_DURATION,
    /** The relay node carrying the call left the cluster (crashed, cut off); counters are from its last report. */
    RELAY_LOST,
    /** The relay node carrying the call was drained and the drain's deadline passed with the call still up. */
    DRAINED,
    /** An operator ended the call (REST {@code DELETE /v1/calls/ID?force=true}), not the proxy's signalling. */
    FORCED,
    /**
     * Not an ending: an interim record of a call still up ({@code record_type} {@code interim}), written every
     * {@code cdr.interim}; its {@code ended} is when its counters were taken.
     */
    INTERIM;

    /** The lower-case token written in CDRs: {@code regular}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static TerminationReason fromToken(String token) {
        return valueOf(token.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
