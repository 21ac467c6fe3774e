package org.mediarelay.dispatcher.command;

import java.util.Objects;
import java.util.Optional;

/**
 * The end of a call, or of one branch of a forked call. A delete that names a branch ({@code toTag} of a callee that
 * answered, or {@code viaBranch} of a branch the proxy offered to) ends that branch only, unless it is the last; one
 * that names neither ends the call: its sessions close and its CDR is written ({@code Dispatcher#delete} has the
 * rules). {@code branchOnly} (the ng flag {@code to-tag}) insists on the to-tag's branch. {@code forced}: an operator
 * ends the whole call, not the proxy (CDR reason {@code forced}).
 */
public record DeleteCommand(String callId, String fromTag, Optional<String> toTag, boolean branchOnly,
                            boolean forced, Optional<String> viaBranch) {

    public DeleteCommand {
        Objects.requireNonNull(callId);
        Objects.requireNonNull(fromTag);
        Objects.requireNonNull(toTag);
        Objects.requireNonNull(viaBranch);
        if (branchOnly && toTag.isEmpty()) {
            throw new IllegalArgumentException("deleting a branch needs its to-tag");
        }
    }

    public DeleteCommand(String callId, String fromTag, Optional<String> toTag, boolean branchOnly,
                         boolean forced) {
        this(callId, fromTag, toTag, branchOnly, forced, Optional.empty());
    }

    public DeleteCommand(String callId, String fromTag, Optional<String> toTag, boolean branchOnly) {
        this(callId, fromTag, toTag, branchOnly, false, Optional.empty());
    }

    /** As the proxy sends it: the call, or the branch the tags name. */
    public DeleteCommand(String callId, String fromTag, Optional<String> toTag) {
        this(callId, fromTag, toTag, false, false, Optional.empty());
    }
}
