package org.mediarelay.node.api;

import java.util.Locale;
import java.util.Optional;

/** The operations a node serves, as named in the {@link NodeAddresses#OP_HEADER} header. */
public enum Op {
    ALLOCATE,
    RELEASE;

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
