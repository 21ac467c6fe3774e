package org.mediarelay.accounting;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.accounting.cdr.CdrJson;
import org.mediarelay.accounting.journal.CdrJournal;

/**
 * Takes ended sessions' CDRs and makes them durable. {@link #record} completes only when the CDR is on disk, so the
 * caller forgets a session only after its CDR is safe.
 *
 * <p>Writes run in order on one worker thread of their own, never on an event loop. CDRs that arrive while a write is
 * under way are written together and made durable with one fsync (group commit): under load, ending a call waits
 * for one disk flush, not for one flush per call queued before it.
 */
public final class Accounting {

    private static final System.Logger LOG = System.getLogger(Accounting.class.getName());

    private final CdrJournal journal;
    private final WorkerExecutor writer;
    private final LongAdder written = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicInteger pending = new AtomicInteger();
    /** CDRs waiting for the writer; {@code draining} while a drain is scheduled or running. Guarded by itself. */
    private final Deque<Queued> queue = new ArrayDeque<>();
    private boolean draining;

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
        Promise<Void> durable = Promise.promise();
        Context caller = Vertx.currentContext();
        boolean start;
        synchronized (queue) {
            queue.add(new Queued(line, cdr.ended(), caller, durable));
            start = !draining;
            draining = true;
        }
        if (start) {
            writer.executeBlocking(this::drain, true);
        }
        return durable.future().onComplete(r -> {
            pending.decrementAndGet();
            (r.succeeded() ? written : failed).increment();
        }).onFailure(e -> LOG.log(Level.ERROR, "CDR of call " + cdr.callId() + " not written: " + line, e));
    }

    /** On the writer thread: writes what is queued, one fsync per batch, until the queue is empty. */
    private Void drain() {
        while (true) {
            List<Queued> batch;
            synchronized (queue) {
                if (queue.isEmpty()) {
                    draining = false;
                    return null;
                }
                batch = new ArrayList<>(queue);
                queue.clear();
            }
            Throwable error = null;
            try {
                for (Queued q : batch) {
                    journal.write(q.line, q.when);
                }
                journal.sync();
            } catch (IOException | RuntimeException e) {
                error = e;
            }
            for (Queued q : batch) {
                q.complete(error);
            }
        }
    }

    /** A CDR waiting for the writer, and who waits for it (on the context it recorded from). */
    private record Queued(String line, Instant when, Context caller, Promise<Void> durable) {
        void complete(Throwable error) {
            Runnable done = () -> {
                if (error == null) {
                    durable.complete();
                } else {
                    durable.fail(error);
                }
            };
            if (caller == null) {
                done.run();
            } else {
                caller.runOnContext(v -> done.run());
            }
        }
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
            drain();
            journal.close();
            return null;
        }, true).eventually(() -> writer.close());
    }
}
