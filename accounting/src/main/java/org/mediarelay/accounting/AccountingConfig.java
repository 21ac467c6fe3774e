package org.mediarelay.accounting;

import java.nio.file.Path;
import java.util.Objects;
import org.mediarelay.accounting.journal.CdrJournal;
import org.mediarelay.accounting.sink.Backoff;

/**
 * Where CDRs are kept and how.
 *
 * @param cdrDir            the journal: the CDR files, also the spool the sinks deliver from ({@code data.dir/cdr})
 * @param cursorDir         each sink's position in the journal ({@code data.dir/cdr-cursors})
 * @param maxFileBytes      a CDR file grows to about this size before the next part of the day starts
 * @param backlogAlarmBytes a sink with more undelivered journal bytes than this raises the backlog alarm
 * @param backlogMaxBytes   a sink further behind than this skips the oldest whole files it has not delivered (they
 *                          stay in the journal; counted and logged), so that no sink's backlog grows without bound
 * @param backoff           waits between attempts at a failing sink
 */
public record AccountingConfig(Path cdrDir, Path cursorDir, long maxFileBytes, long backlogAlarmBytes,
                               long backlogMaxBytes, Backoff backoff) {

    public static final long DEFAULT_MAX_FILE_BYTES = CdrJournal.NO_SIZE_LIMIT;
    public static final long DEFAULT_BACKLOG_ALARM_BYTES = 256L << 20;
    public static final long DEFAULT_BACKLOG_MAX_BYTES = 4L << 30;

    public AccountingConfig {
        Objects.requireNonNull(cdrDir);
        Objects.requireNonNull(cursorDir);
        Objects.requireNonNull(backoff);
        if (maxFileBytes < 1 || backlogAlarmBytes < 1 || backlogMaxBytes < 1) {
            throw new IllegalArgumentException("sizes must be positive");
        }
    }

    /** The embedded defaults under a data directory. */
    public static AccountingConfig defaults(Path dataDir) {
        return new AccountingConfig(dataDir.resolve("cdr"), dataDir.resolve("cdr-cursors"), DEFAULT_MAX_FILE_BYTES,
                DEFAULT_BACKLOG_ALARM_BYTES, DEFAULT_BACKLOG_MAX_BYTES, Backoff.DEFAULT);
    }
}
