package org.mediarelay.accounting.sink;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.mediarelay.accounting.journal.JournalPosition;
import org.mediarelay.accounting.journal.JournalReader;

/**
 * Feeds one {@link CdrSink} from the journal: reads the CDRs after the sink's cursor, delivers them in batches, and
 * moves the cursor (on disk) only once a batch is delivered, so a restart resumes where delivery stopped. A failed
 * start or delivery is retried with {@link Backoff}; nothing is skipped except lines that are not CDRs at all (logged).
 * Woken when the journal makes new CDRs durable, and once a second in any case.
 */
public final class SinkVerticle extends AbstractVerticle {

    private static final System.Logger LOG = System.getLogger(SinkVerticle.class.getName());
    static final int MAX_LINES = 500;
    static final int MAX_BYTES = 1 << 20;
    static final long POLL_MILLIS = 1000;

    private final CdrSink sink;
    private final JournalReader reader;
    private final CursorStore cursors;
    private final WorkerExecutor io;
    private final Backoff backoff;
    private final long backlogMax;
    private final RandomGenerator random;
    private final SinkStats stats;

    // Confined to this verticle's context.
    private JournalPosition position;
    private boolean ready;
    private boolean busy;
    private boolean again;
    private boolean stopped;
    /** A retry is scheduled: nothing runs before it. */
    private boolean waiting;
    private int failures;
    private long pollTimer;

    /**
     * @param backlogMax past this many undelivered journal bytes the sink skips its oldest whole files (they stay in
     *                   the journal; the skip is counted and logged with how to deliver them again)
     */
    public SinkVerticle(CdrSink sink, JournalReader reader, CursorStore cursors, WorkerExecutor io, Backoff backoff,
                        long backlogMax, RandomGenerator random) {
        this.sink = sink;
        this.reader = reader;
        this.cursors = cursors;
        this.io = io;
        this.backoff = backoff;
        this.backlogMax = backlogMax;
        this.random = random;
        this.stats = new SinkStats(sink.name());
    }

    public SinkStats stats() {
        return stats;
    }

    /** New CDRs are durable: look now rather than at the next poll. Any thread. */
    public void wake() {
        if (context != null) {
            context.runOnContext(v -> kick());
        }
    }

    @Override
    public void start(Promise<Void> started) {
        io.executeBlocking(() -> cursors.load(sink.name()), true).onComplete(r -> {
            if (r.failed()) {
                started.fail(r.cause());
                return;
            }
            position = r.result();
            pollTimer = vertx.setPeriodic(POLL_MILLIS, t -> kick());
            startSink();
            started.complete();
        });
    }

    private void startSink() {
        sink.start().onComplete(r -> {
            if (stopped) {
                return;
            }
            if (r.succeeded()) {
                failures = 0;
                ready = true;
                stats.up(true);
                kick();
            } else {
                retry("cannot start", r.cause(), this::startSink);
            }
        });
    }

    private void kick() {
        if (!ready || stopped || waiting) {
            return;
        }
        if (busy) {
            again = true;
            return;
        }
        busy = true;
        again = false;
        JournalPosition from = position;
        io.executeBlocking(() -> {
            long backlog = reader.bytesAfter(from);
            JournalPosition start = backlog > backlogMax ? reader.within(from, backlogMax) : from;
            if (!start.equals(from)) {
                long kept = reader.bytesAfter(start);
                stats.skipped(backlog - kept);
                LOG.log(Level.ERROR, "sink " + sink.name() + " is " + backlog + " bytes behind, past cdr.backlog.max: "
                        + "skipping the CDR files from " + from + " to " + start + " (" + (backlog - kept) + " bytes). "
                        + "They stay in the CDR files; to deliver them, stop mediarelay and set the cursor file "
                        + "of this sink back to " + from);
                backlog = kept;
            }
            stats.backlogBytes(backlog);
            return reader.read(start, MAX_LINES, MAX_BYTES);
        }, true).compose(this::deliver).onComplete(r -> {
            busy = false;
            if (stopped) {
                return;
            }
            if (r.failed()) {
                retry("cannot deliver", r.cause(), this::kick);
            } else if (r.result() || again) {
                kick();
            }
        });
    }

    /** Delivers a batch and moves the cursor past it; true when it was not empty (there may be more). */
    private Future<Boolean> deliver(JournalReader.Batch batch) {
        if (batch.isEmpty()) {
            if (!batch.next().equals(position)) {
                // Only moved on to a newer file: remember it, so a restart does not rescan.
                return save(batch.next()).map(false);
            }
            stats.backlogBytes(0);
            stats.caughtUp();
            return Future.succeededFuture(false);
        }
        List<SpooledCdr> cdrs = new ArrayList<>(batch.lines().size());
        for (String line : batch.lines()) {
            try {
                cdrs.add(SpooledCdr.parse(line));
            } catch (IllegalArgumentException e) {
                stats.skippedMalformed();
                LOG.log(Level.ERROR, "sink " + sink.name() + ": skipping a journal line that is not a CDR ("
                        + e.getMessage() + "): " + line);
            }
        }
        stats.reading(cdrs.isEmpty() ? Optional.empty() : ended(cdrs.get(0)));
        Future<Void> sent = cdrs.isEmpty() ? Future.succeededFuture() : sink.deliver(cdrs);
        return sent.compose(v -> save(batch.next())).map(v -> {
            failures = 0;
            stats.caughtUp();
            stats.delivered(cdrs.size());
            stats.up(true);
            return true;
        });
    }

    private static Optional<Instant> ended(SpooledCdr cdr) {
        try {
            return Optional.ofNullable(cdr.record().getString("ended")).map(Instant::parse);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the cursor to disk, then moves it here. */
    private Future<Void> save(JournalPosition next) {
        return io.<Void>executeBlocking(() -> {
            cursors.save(sink.name(), next);
            return null;
        }, true).onSuccess(v -> position = next);
    }

    private void retry(String what, Throwable cause, Runnable next) {
        failures++;
        waiting = true;
        stats.failed(cause);
        Duration wait = backoff.delay(failures, random);
        LOG.log(failures == 1 ? Level.WARNING : Level.DEBUG, "sink " + sink.name() + " " + what + " (attempt "
                + failures + ", next in " + wait.toMillis() + " ms): " + cause.getMessage());
        vertx.setTimer(wait.toMillis(), t -> {
            waiting = false;
            if (!stopped) {
                next.run();
            }
        });
    }

    @Override
    public void stop(Promise<Void> done) {
        stopped = true;
        vertx.cancelTimer(pollTimer);
        sink.close().onComplete(r -> done.complete());
    }
}
