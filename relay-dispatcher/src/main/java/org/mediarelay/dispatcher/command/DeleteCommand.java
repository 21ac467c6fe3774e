package org.mediarelay.dispatcher.command;

import java.util.Objects;
import java.util.Optional;

/**
 * The end of a call: close its session and write its CDR; or, with {@code branchOnly}, the end of one forked branch
 * (the to-tag's) while the call may still be answered by another. {@code forced}: an operator ends the call, not the
 * proxy (CDR reason {@code forced}).
 */
public record DeleteCommand(String callId, String fromTag, Optional<String> toTag, boolean branchOnly,
                            boolean forced) {

    public DeleteCommand {
        Objects.requireNonNull(callId);
        Objects.requireNonNull(fromTag);
        Objects.requireNonNull(toTag);
        if (branchOnly && toTag.isEmpty()) {
            throw new IllegalArgumentException("deleting a branch needs its to-tag");
        }
    }

    public DeleteCommand(String callId, String fromTag, Optional<String> toTag, boolean branchOnly) {
        this(callId, fromTag, toTag, branchOnly, false);
    }

    /** The whole call, as the proxy ends it. */
    public DeleteCommand(String callId, String fromTag, Optional<String> toTag) {
        this(callId, fromTag, toTag, false, false);
    }
}
