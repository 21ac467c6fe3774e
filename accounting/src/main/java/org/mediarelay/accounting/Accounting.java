package org.mediarelay.accounting;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.accounting.cdr.CdrJson;
import org.mediarelay.accounting.journal.CdrJournal;
import org.mediarelay.accounting.journal.JournalReader;
import org.mediarelay.accounting.sink.Backoff;
import org.mediarelay.accounting.sink.CdrSink;
import org.mediarelay.accounting.sink.CursorStore;
import org.mediarelay.accounting.sink.SinkStats;
import org.mediarelay.accounting.sink.SinkVerticle;

/**
 * Takes ended sessions' CDRs and makes them durable. {@link #record} completes only when the CDR is on disk in the
 * journal (the CDR files), so the caller forgets a session only after its CDR is safe. The sinks (a database, RADIUS,
 * a web hook) then deliver from the journal, each from its own cursor ({@link SinkVerticle}).
 *
 * <p>Writes run in order on one worker thread of their own, never on an event loop. CDRs that arrive while a write is
 * under way are written together and made durable with one fsync (group commit): under load, ending a call waits
 * for one disk flush, not for one flush per call queued before it.
 */
public final class Accounting {

    private static final System.Logger LOG = System.getLogger(Accounting.class.getName());

    private final Vertx vertx;
    private final AccountingConfig config;
    private final CdrJournal journal;
    private final WorkerExecutor writer;
    private final List<SinkVerticle> sinks = new CopyOnWriteArrayList<>();
    private final List<String> deployments = new CopyOnWriteArrayList<>();
    private WorkerExecutor sinkIo;
    private final LongAdder written = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicInteger pending = new AtomicInteger();
    /** CDRs waiting for the writer; {@code draining} while a drain is scheduled or running. Guarded by itself. */
    private final Deque<Queued> queue = new ArrayDeque<>();
    private boolean draining;

    private Accounting(Vertx vertx, AccountingConfig config, CdrJournal journal, WorkerExecutor writer) {
        this.vertx = vertx;
        this.config = config;
        this.journal = journal;
        this.writer = writer;
    }

    /** Opens the CDR directory with the default settings, creating it when missing; no sinks. */
    public static Accounting open(Vertx vertx, Path cdrDir) throws IOException {
        return open(vertx, new AccountingConfig(cdrDir, cdrDir.resolveSibling("cdr-cursors"),
                AccountingConfig.DEFAULT_MAX_FILE_BYTES, AccountingConfig.DEFAULT_BACKLOG_ALARM_BYTES,
                AccountingConfig.DEFAULT_BACKLOG_MAX_BYTES, Backoff.DEFAULT));
    }

    public static Accounting open(Vertx vertx, AccountingConfig config) throws IOException {
        return new Accounting(vertx, config, new CdrJournal(config.cdrDir(), config.maxFileBytes()),
                vertx.createSharedWorkerExecutor("mediarelay-accounting", 1));
    }

    /**
     * Starts delivering to {@code sink} from its cursor (the journal's start for a new sink). Completes once the
     * sink's feeder runs; the sink itself may still be connecting (it is retried until it starts).
     */
    public Future<Void> addSink(CdrSink sink, RandomGenerator random) {
        CursorStore cursors;
        try {
            cursors = new CursorStore(config.cursorDir());
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        synchronized (this) {
            if (sinkIo == null) {
                sinkIo = vertx.createSharedWorkerExecutor("mediarelay-cdr-sinks", 2);
            }
        }
        SinkVerticle feeder = new SinkVerticle(sink, new JournalReader(config.cdrDir()), cursors, sinkIo,
                config.backoff(), config.backlogMaxBytes(), random);
        return vertx.deployVerticle(feeder).map(id -> {
            deployments.add(id);
            sinks.add(feeder);
            return null;
        });
    }

    /** Each sink's counters, in the order the sinks were added. */
    public List<SinkStats> sinkStats() {
        return sinks.stream().map(SinkVerticle::stats).toList();
    }

    /** A sink with more undelivered journal bytes than this raises the backlog alarm. */
    public long backlogAlarmBytes() {
        return config.backlogAlarmBytes();
    }

    /** Completes once the CDR is on disk. It is encoded on the writer's thread, not the caller's (an event loop). */
    public Future<Void> record(Cdr cdr) {
        pending.incrementAndGet();
        Promise<Void> durable = Promise.promise();
        Context caller = Vertx.currentContext();
        boolean start;
        synchronized (queue) {
            queue.add(new Queued(cdr, caller, durable));
            start = !draining;
            draining = true;
        }
        if (start) {
            writer.executeBlocking(this::drain, true);
        }
        return durable.future().onComplete(r -> {
            pending.decrementAndGet();
            (r.succeeded() ? written : failed).increment();
        }).onFailure(e -> LOG.log(Level.ERROR, "CDR of call " + cdr.callId() + " not written: "
                + CdrJson.encode(cdr).encode(), e));
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
                    journal.write(CdrJson.encode(q.cdr).encode(), q.cdr.ended());
                }
                journal.sync();
            } catch (IOException | RuntimeException e) {
                error = e;
            }
            for (Queued q : batch) {
                q.complete(error);
            }
            if (error == null) {
                sinks.forEach(SinkVerticle::wake);
            }
        }
    }

    /** A CDR waiting for the writer, and who waits for it (on the context it recorded from). */
    private record Queued(Cdr cdr, Context caller, Promise<Void> durable) {
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

    /** Waits for queued writes, then closes the file and stops the sinks (each resumes from its cursor next time). */
    public Future<Void> close() {
        return writer.<Void>executeBlocking(() -> {
            drain();
            journal.close();
            return null;
        }, true).eventually(() -> writer.close())
                .eventually(() -> Future.join(deployments.stream().map(vertx::undeploy).toList()))
                .eventually(() -> sinkIo == null ? Future.succeededFuture() : sinkIo.close());
    }
}
