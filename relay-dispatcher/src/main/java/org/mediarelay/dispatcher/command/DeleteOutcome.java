package org.mediarelay.dispatcher.command;

import java.util.List;
import java.util.Objects;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.dispatcher.session.CallSession;
import org.mediarelay.node.api.StreamStats;

/** The outcome of a delete. */
public sealed interface DeleteOutcome
        permits DeleteOutcome.Deleted, DeleteOutcome.BranchDeleted, DeleteOutcome.NotFound, Failure {

    /** The session is closed, its ports free, and this CDR is on disk; {@code streams} are its final counters. */
    record Deleted(Cdr cdr, CallSession session, List<StreamStats> streams) implements DeleteOutcome {
        public Deleted {
            Objects.requireNonNull(cdr);
            Objects.requireNonNull(session);
            streams = List.copyOf(streams);
        }
    }

    /**
     * One forked branch is gone and the call goes on: another branch may still answer. Branches share the relay's
     * ports facing the callee side, so nothing is freed; if the branch had answered, the call waits for a new answer.
     */
    record BranchDeleted(String toTag) implements DeleteOutcome {
    }

    /**
     * No session matches: never offered, or already deleted. Proxies send a second delete routinely (BYE and a failure
     * reply can both trigger one), so this is not an error.
     */
    record NotFound(String reason) implements DeleteOutcome {
    }
}
