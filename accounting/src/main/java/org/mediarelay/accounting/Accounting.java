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
import java.util.Optional;
import java.util.SplittableRandom;
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
 *
 * <p>A disk that refuses a write (full, or failing) loses nothing: the batch's writes are rolled back, its CDRs stay
 * queued in order and are written again with back-off ({@link AccountingConfig#backoff}) until the disk takes them;
 * meanwhile {@link #writable} is false (the process reports itself not ready) and callers learn at once that their
 * CDR is not durable yet ({@link Written.Retrying}).
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
    private final RandomGenerator random;
    private final LongAdder written = new LongAdder();
    private final LongAdder failedWrites = new LongAdder();
    private final LongAdder givenUp = new LongAdder();
    private final AtomicInteger pending = new AtomicInteger();
    /**
     * CDRs waiting for the writer; {@code draining} while a drain is scheduled or running; {@code retryTimer} while a
     * retry after a refused write is scheduled (-1 otherwise); {@code refusals}: failed writes in a row. Guarded by
     * the queue.
     */
    private final Deque<Queued> queue = new ArrayDeque<>();
    private boolean draining;
    private long retryTimer = -1;
    private int refusals;
    private String lastError = "";
    private boolean closing;

    private Accounting(Vertx vertx, AccountingConfig config, CdrJournal journal, WorkerExecutor writer,
                       RandomGenerator random) {
        this.vertx = vertx;
        this.config = config;
        this.journal = journal;
        this.writer = writer;
        this.random = random;
    }

    /** Opens the CDR directory with the default settings, creating it when missing; no sinks. */
    public static Accounting open(Vertx vertx, Path cdrDir) throws IOException {
        return open(vertx, new AccountingConfig(cdrDir, cdrDir.resolveSibling("cdr-cursors"),
                AccountingConfig.DEFAULT_MAX_FILE_BYTES, AccountingConfig.DEFAULT_BACKLOG_ALARM_BYTES,
                AccountingConfig.DEFAULT_BACKLOG_MAX_BYTES, Backoff.DEFAULT));
    }

    public static Accounting open(Vertx vertx, AccountingConfig config) throws IOException {
        return open(vertx, config, new SplittableRandom());
    }

    /** @param random spreads the waits between retries of refused writes ({@link Backoff}) */
    public static Accounting open(Vertx vertx, AccountingConfig config, RandomGenerator random) throws IOException {
        return new Accounting(vertx, config, new CdrJournal(config.cdrDir(), config.maxFileBytes()),
                vertx.createSharedWorkerExecutor("mediarelay-accounting", 1), random);
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

    /**
     * Hands the CDR to the writer. Completes after its first attempt to reach the disk: {@link Written.Durable}, or
     * {@link Written.Retrying} when the disk refused it (it is then kept and written again, with back-off, until it is
     * on disk; nothing queued is dropped). It is encoded on the writer's thread, not the caller's (an event loop).
     */
    public Future<Written> record(Cdr cdr) {
        pending.incrementAndGet();
        Queued q = new Queued(cdr, Vertx.currentContext(), Promise.promise(), Promise.promise());
        q.durable.future().onComplete(r -> {
            pending.decrementAndGet();
            if (r.succeeded()) {
                written.increment();
            } else {
                givenUp.increment();
                LOG.log(Level.ERROR, "CDR of call " + cdr.callId() + " not written: " + CdrJson.encode(cdr).encode(),
                        r.cause());
            }
        });
        boolean start;
        Optional<String> refusing;
        synchronized (queue) {
            queue.add(q);
            refusing = retryTimer >= 0 ? Optional.of(lastError) : Optional.empty();
            start = !draining && retryTimer < 0;
            draining |= start;
        }
        // While the disk refuses CDRs and a retry is scheduled, a new CDR waits for that retry with the others.
        refusing.ifPresent(reason -> q.settle(new Written.Retrying(reason, q.durable.future())));
        if (start) {
            writer.executeBlocking(this::drain, true);
        }
        return q.first.future();
    }

    /**
     * On the writer thread: writes what is queued, one fsync per batch, until the queue is empty or the disk refuses a
     * batch. Then what was not made durable goes back to the head of the queue, the writes are rolled back, and a
     * retry is scheduled.
     */
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
            long before = journal.durableLines();
            Exception error = null;
            try {
                for (Queued q : batch) {
                    journal.write(CdrJson.encode(q.cdr).encode(), q.cdr.ended());
                }
                journal.sync();
            } catch (IOException | RuntimeException e) {
                error = e;
                try {
                    journal.rollBack();
                } catch (IOException rollBackFailed) {
                    LOG.log(Level.ERROR, "CDR files: cutting back a failed write failed too (a CDR may appear "
                            + "twice in them)", rollBackFailed);
                }
            }
            int durable = (int) (journal.durableLines() - before);
            batch.subList(0, durable).forEach(Queued::madeDurable);
            if (durable > 0) {
                sinks.forEach(SinkVerticle::wake);
            }
            if (error != null) {
                retryLater(batch.subList(durable, batch.size()), error);
                return null;
            }
            synchronized (queue) {
                refusals = 0;
            }
        }
    }

    /** The disk refused these (in this order): they go back to the head of the queue, retried after a back-off. */
    private void retryLater(List<Queued> failed, Exception error) {
        failedWrites.increment();
        String reason = error.getMessage() == null ? error.toString() : error.getMessage();
        long delay;
        int inARow;
        synchronized (queue) {
            lastError = reason;
            inARow = ++refusals;
            for (int i = failed.size() - 1; i >= 0; i--) {
                queue.addFirst(failed.get(i));
            }
            delay = config.backoff().delay(refusals, random).toMillis();
            retryTimer = vertx.setTimer(delay, t -> retryNow());
            draining = false;
        }
        LOG.log(inARow == 1 ? Level.ERROR : Level.WARNING, "CDR files refuse writes (" + reason + "): "
                + failed.size() + " CDRs kept in memory, written again in " + delay + " ms", error);
        failed.forEach(q -> q.settle(new Written.Retrying(reason, q.durable.future())));
    }

    private void retryNow() {
        boolean start;
        synchronized (queue) {
            retryTimer = -1;
            start = !draining && !closing;
            draining |= start;
        }
        if (start) {
            writer.executeBlocking(this::drain, true);
        }
    }

    /** A CDR waiting for the writer, and who waits for it (on the context it recorded from). */
    private record Queued(Cdr cdr, Context caller, Promise<Written> first, Promise<Void> durable) {

        void madeDurable() {
            // Durable first: what counts it has run when the caller hears of it.
            run(() -> {
                durable.tryComplete();
                first.tryComplete(new Written.Durable());
            });
        }

        void settle(Written outcome) {
            run(() -> first.tryComplete(outcome));
        }

        void giveUp(Throwable why) {
            run(() -> {
                first.tryFail(why);
                durable.tryFail(why);
            });
        }

        private void run(Runnable r) {
            if (caller == null) {
                r.run();
            } else {
                caller.runOnContext(v -> r.run());
            }
        }
    }

    /** False while the disk refuses CDRs (from a failed write until one succeeds): the process is not ready. */
    public boolean writable() {
        synchronized (queue) {
            return refusals == 0;
        }
    }

    /** CDRs on disk since start. */
    public long written() {
        return written.sum();
    }

    /** Writes the disk refused since start (each retried: a CDR is given up only when the process stops). */
    public long failedWrites() {
        return failedWrites.sum();
    }

    /** CDRs given up since start: the process stopped before the disk took them (each logged in full). */
    public long givenUp() {
        return givenUp.sum();
    }

    /** CDRs not on disk yet: waiting for the writer, or kept in memory for a retry while the disk refuses them. */
    public int pending() {
        return pending.get();
    }

    public Path dir() {
        return journal.dir();
    }

    /**
     * Waits for queued writes (one more attempt for CDRs the disk refused), then closes the file and stops the sinks
     * (each resumes from its cursor next time). CDRs still not on disk then are given up, each logged in full.
     */
    public Future<Void> close() {
        synchronized (queue) {
            closing = true;
            if (retryTimer >= 0) {
                vertx.cancelTimer(retryTimer);
                retryTimer = -1;
            }
        }
        return writer.<Void>executeBlocking(() -> {
            drain();
            List<Queued> left;
            synchronized (queue) {
                left = new ArrayList<>(queue);
                queue.clear();
                if (retryTimer >= 0) {
                    vertx.cancelTimer(retryTimer);
                    retryTimer = -1;
                }
            }
            IOException stopped = new IOException("stopped before the disk took it: " + lastError);
            left.forEach(q -> q.giveUp(stopped));
            journal.close();
            return null;
        }, true).eventually(() -> writer.close())
                .eventually(() -> Future.join(deployments.stream().map(vertx::undeploy).toList()))
                .eventually(() -> sinkIo == null ? Future.succeededFuture() : sinkIo.close());
    }
}
