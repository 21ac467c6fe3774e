package org.mediarelay.node.wire;

import java.util.Locale;
import java.util.Optional;

/** The operations a node serves, as named in the {@link NodeAddresses#OP_HEADER} header. */
public enum Op {
    /** Ensure a session's streams have ports and record a party's hints (an offer, an answer, a re-offer). */
    ALLOCATE,
    /** Record a party's new hints for streams that exist (hold, ICE selection, new addresses); allocates nothing. */
    UPDATE,
    /** Close a session and return its final counters. */
    RELEASE,
    /** A session's current counters. */
    STATS;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Op> fromToken(String token) {
        for (Op op : values()) {
            if (op.token().equals(token)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
