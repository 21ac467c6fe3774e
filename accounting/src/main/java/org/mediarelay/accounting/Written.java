package org.mediarelay.accounting;

import io.vertx.core.Future;

/** What became of a CDR at its first attempt to reach the disk ({@link Accounting#record}). */
public sealed interface Written permits Written.Durable, Written.Retrying {

    /** On disk: it survives a crash of the process or the machine. */
    record Durable() implements Written {
    }

    /**
     * Not on disk yet ({@code reason}: a full disk, an I/O error). The CDR is kept in memory and written again with
     * back-off until it is on disk, when {@code durable} completes; it fails only if the process stops first (the CDR
     * is then logged in full).
     */
    record Retrying(String reason, Future<Void> durable) implements Written {
    }
}
