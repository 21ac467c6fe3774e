package org.mediarelay.dispatcher.command;

import java.util.Objects;
import java.util.Optional;

/**
 * The end of a call: close its session and write its CDR; or, with {@code branchOnly}, the end of one forked branch
 * (the to-tag's) while the call may still be answered by another.
 */
public record DeleteCommand(String callId, String fromTag, Optional<String> toTag, boolean branchOnly) {

    public DeleteCommand {
        Objects.requireNonNull(callId);
        Objects.requireNonNull(fromTag);
        Objects.requireNonNull(toTag);
        if (branchOnly && toTag.isEmpty()) {
            throw new IllegalArgumentException("deleting a branch needs its to-tag");
        }
    }

    /** The whole call. */
    public DeleteCommand(String callId, String fromTag, Optional<String> toTag) {
        this(callId, fromTag, toTag, false);
    }
}
