package org.mediarelay.accounting.cdr;

import java.util.Locale;

/**
 * Whether the SIP proxy was asked to end the dialog of a call the relay ended on its own (media timeout, lost relay
 * node, drain deadline, an operator), as written in the CDR's {@code dialog_end}.
 */
public enum DialogEnding {
    /** A proxy accepted the request: it sends BYE to both parties. */
    ENDED,
    /** The proxy no longer had the dialog (OpenSIPS answers 404): it had ended already, nothing was left to end. */
    GONE,
    /** Asked, but no proxy accepted it (refused, unreachable, no answer in time): the phones may still be up. */
    FAILED,
    /** No dialog client is configured ({@code dialog.end}): nobody was asked. */
    NOT_CONFIGURED;

    /** What the CDR says: {@code not-configured}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DialogEnding fromToken(String token) {
        return valueOf(token.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The endings the proxy did not ask for: the relay asks it to end the dialog. */
    public static boolean asksProxy(TerminationReason reason) {
        return switch (reason) {
            case TIMEOUT, ON_HOLD_TIMEOUT, MAX_DURATION, RELAY_LOST, DRAINED, FORCED -> true;
            case REGULAR, SHUTDOWN, OFFER_TIMEOUT, INTERIM -> false;
        };
    }
}
