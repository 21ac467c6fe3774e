package org.mediarelay.dispatcher.command;

import java.util.Locale;

/** Stable codes of failed commands; front ends map each to their protocol's error (ng reason, HTTP status). */
public enum ErrorCode {
    /** The SDP could not be parsed; the reason names the line. */
    BAD_SDP,
    /** The command refers to a call that has no session (e.g. an answer without an offer). */
    UNKNOWN_CALL,
    /** The command's tags do not fit the call's session. */
    TAG_MISMATCH,
    /** No relay node can take a new call: every node is full, draining or not reporting. */
    NO_NODE,
    /** The relay node has no free port pairs for the call. */
    PORTS_EXHAUSTED,
    /** The relay node refused (e.g. it is shutting down). */
    NODE_REJECTED,
    /** The relay node did not answer in time or failed. */
    NODE_UNAVAILABLE,
    /** The CDR could not be made durable. */
    ACCOUNTING_FAILED;

    /** The kebab-case token used in replies and metrics: {@code bad-sdp}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
