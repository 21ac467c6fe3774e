package org.mediarelay.dispatcher.command;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.node.api.StreamStats;

/** The outcome of a delete. */
public sealed interface DeleteOutcome
        permits DeleteOutcome.Deleted, DeleteOutcome.BranchDeleted, DeleteOutcome.NotFound, Failure {

    /** This outcome to the function for its kind. */
    default <R> R fold(Function<? super Deleted, ? extends R> deleted,
                       Function<? super BranchDeleted, ? extends R> branchDeleted,
                       Function<? super NotFound, ? extends R> notFound, Function<? super Failure, ? extends R> failed) {
        if (this instanceof Deleted d) {
            return deleted.apply(d);
        }
        if (this instanceof BranchDeleted b) {
            return branchDeleted.apply(b);
        }
        return this instanceof NotFound n ? notFound.apply(n) : failed.apply((Failure) this);
    }

    /** The call is closed, its ports free, and this CDR is on disk; {@code streams} are its final counters. */
    record Deleted(Cdr cdr, CallView call, List<StreamStats> streams) implements DeleteOutcome {
        public Deleted {
            Objects.requireNonNull(cdr);
            Objects.requireNonNull(call);
            streams = List.copyOf(streams);
        }
    }

    /**
     * One branch of a forked call is gone and the call goes on with the others: its relay ports (when it had its own)
     * are free, its tag is no party of the call any more. If it was the branch that answered last, the one that
     * answered before it is the callee again, or the call waits for an answer.
     *
     * @param branch how the delete named it: the to-tag or the via-branch
     */
    record BranchDeleted(String branch) implements DeleteOutcome {
    }

    /**
     * No session matches: never offered, or already deleted. Proxies send a second delete routinely (BYE and a failure
     * reply can both trigger one), so this is not an error.
     */
    record NotFound(String reason) implements DeleteOutcome {
    }
}
