package org.mediarelay.accounting;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.accounting.cdr.CdrJson;
import org.mediarelay.accounting.journal.CdrJournal;

/**
 * Takes ended sessions' CDRs and makes them durable. {@link #record} completes only when the CDR is on disk, so the
 * caller forgets a session only after its CDR is safe.
 *
 * <p>Writes run in order on one worker thread of their own, never on an event loop.
 */
public final class Accounting {

    private static final System.Logger LOG = System.getLogger(Accounting.class.getName());

    private final CdrJournal journal;
    private final WorkerExecutor writer;
    private final LongAdder written = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicInteger pending = new AtomicInteger();

    private Accounting(CdrJournal journal, WorkerExecutor writer) {
        this.journal = journal;
        this.writer = writer;
    }

    /** Opens the CDR directory ({@code data.dir/cdr}), creating it when missing. */
    public static Accounting open(Vertx vertx, Path cdrDir) throws IOException {
        return new Accounting(new CdrJournal(cdrDir), vertx.createSharedWorkerExecutor("mediarelay-accounting", 1));
    }

    public Future<Void> record(Cdr cdr) {
        String line = CdrJson.encode(cdr).encode();
        pending.incrementAndGet();
        return writer.<Void>executeBlocking(() -> {
            journal.append(line, cdr.ended());
            return null;
        }, true).onComplete(r -> {
            pending.decrementAndGet();
            (r.succeeded() ? written : failed).increment();
        }).onFailure(e -> LOG.log(Level.ERROR, "CDR of call " + cdr.callId() + " not written: " + line, e));
    }

    /** CDRs on disk since start. */
    public long written() {
        return written.sum();
    }

    /** CDRs that could not be written since start (each logged in full). */
    public long failed() {
        return failed.sum();
    }

    /** CDRs waiting to be written now. */
    public int pending() {
        return pending.get();
    }

    public Path dir() {
        return journal.dir();
    }

    /** Waits for queued writes, then closes the file. */
    public Future<Void> close() {
        return writer.<Void>executeBlocking(() -> {
            journal.close();
            return null;
        }, true).eventually(() -> writer.close());
    }
}
