package org.mediarelay.dispatcher.command;

import org.mediarelay.accounting.cdr.Cdr;

/** The outcome of a delete. */
public sealed interface DeleteOutcome permits DeleteOutcome.Deleted, DeleteOutcome.NotFound, Failure {

    /** The session is closed, its ports free, and this CDR is on disk. */
    record Deleted(Cdr cdr) implements DeleteOutcome {
    }

    /**
     * No session matches: never offered, or already deleted. Proxies send a second delete routinely (BYE and a failure
     * reply can both trigger one), so this is not an error.
     */
    record NotFound(String reason) implements DeleteOutcome {
    }
}
