package org.mediarelay.accounting.sink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediarelay.accounting.TestCdrs.done;
import static org.mediarelay.accounting.TestCdrs.ids;
import static org.mediarelay.accounting.TestCdrs.record;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.accounting.Accounting;
import org.mediarelay.accounting.AccountingConfig;
import org.mediarelay.accounting.journal.CdrFiles;

/** The feeder between the journal and one sink, with a sink that records what it gets and fails when told to. */
class SinkVerticleTest {

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Records record ids; fails its start and its deliveries as many times as set first. */
    static final class RecordingSink implements CdrSink {
        final List<String> received = new CopyOnWriteArrayList<>();
        final AtomicInteger startFailures = new AtomicInteger();
        final AtomicInteger deliveryFailures = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public Future<Void> start() {
            return startFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                    ? Future.failedFuture("not reachable") : Future.succeededFuture();
        }

        @Override
        public Future<Void> deliver(List<SpooledCdr> batch) {
            attempts.incrementAndGet();
            if (deliveryFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return Future.failedFuture("connection refused");
            }
            batch.forEach(c -> received.add(c.recordId()));
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> close() {
            return Future.succeededFuture();
        }
    }

    private AccountingConfig config() {
        return config(Long.MAX_VALUE);
    }

    private AccountingConfig config(long backlogMax) {
        return new AccountingConfig(dir.resolve("cdr"), dir.resolve("cursors"), 1000, 1 << 20, backlogMax,
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)));
    }

    @Test
    void recorded_cdrs_reach_the_sink_once_each_in_the_order_recorded() throws Exception {
        Accounting accounting = Accounting.open(vertx, config());
        RecordingSink sink = new RecordingSink();
        done(accounting.addSink(sink, new SplittableRandom(1)));
        record(accounting, 0, 1200);
        await().atMost(10, TimeUnit.SECONDS).until(() -> sink.received.size() >= 1200);
        assertEquals(ids(0, 1200), sink.received);
        await().atMost(5, TimeUnit.SECONDS).until(() -> accounting.sinkStats().get(0).backlogBytes() == 0);
        assertEquals(1200, accounting.sinkStats().get(0).delivered());
        done(accounting.close());
    }

    @Test
    void a_failing_sink_gets_the_same_batch_again_after_a_backoff_and_nothing_is_lost() throws Exception {
        Accounting accounting = Accounting.open(vertx, config());
        RecordingSink sink = new RecordingSink();
        sink.startFailures.set(2);
        sink.deliveryFailures.set(3);
        done(accounting.addSink(sink, new SplittableRandom(2)));
        record(accounting, 0, 50);
        // Up again once the batch that got through has its cursor saved, a moment after the sink took it.
        await().atMost(10, TimeUnit.SECONDS).until(() -> sink.received.size() >= 50
                && accounting.sinkStats().get(0).up());
        assertEquals(ids(0, 50), sink.received);
        assertEquals(5, accounting.sinkStats().get(0).failures());
        done(accounting.close());
    }

    @Test
    void a_sink_that_cannot_deliver_lags_by_the_age_of_its_oldest_undelivered_cdr_and_by_nothing_once_through()
            throws Exception {
        Accounting accounting = Accounting.open(vertx, config());
        RecordingSink sink = new RecordingSink();
        sink.deliveryFailures.set(Integer.MAX_VALUE);
        done(accounting.addSink(sink, new SplittableRandom(3)));
        SinkStats stats = accounting.sinkStats().get(0);
        Instant minuteLater = Instant.parse("2026-11-21T10:01:00Z");
        assertEquals(Duration.ZERO, stats.lag(minuteLater), "nothing to deliver yet");
        record(accounting, 0, 5);
        // CDR 0, the oldest not delivered, ended at 10:00:00.
        await().atMost(10, TimeUnit.SECONDS).until(() -> stats.lag(minuteLater).equals(Duration.ofSeconds(60)));
        sink.deliveryFailures.set(0);
        await().atMost(10, TimeUnit.SECONDS).until(() -> sink.received.size() == 5
                && stats.lag(minuteLater).isZero());
        done(accounting.close());
    }

    @Test
    void after_a_restart_delivery_resumes_after_the_cursor_with_what_was_written_while_no_sink_ran()
            throws Exception {
        Accounting first = Accounting.open(vertx, config());
        RecordingSink before = new RecordingSink();
        done(first.addSink(before, new SplittableRandom(3)));
        record(first, 0, 30);
        await().atMost(10, TimeUnit.SECONDS).until(() -> before.received.size() >= 30);
        done(first.close());

        Accounting offline = Accounting.open(vertx, config());
        record(offline, 30, 40);
        done(offline.close());

        Accounting second = Accounting.open(vertx, config());
        RecordingSink after = new RecordingSink();
        done(second.addSink(after, new SplittableRandom(4)));
        record(second, 40, 45);
        await().atMost(10, TimeUnit.SECONDS).until(() -> after.received.size() >= 15);
        assertEquals(ids(30, 45), after.received);
        done(second.close());
    }

    @Test
    void a_journal_line_that_is_not_a_cdr_is_skipped_and_counted_and_the_cdrs_after_it_still_arrive()
            throws Exception {
        Files.createDirectories(dir.resolve("cdr"));
        Files.writeString(dir.resolve("cdr").resolve("cdr-2026-11-21.jsonl"), "{\"no\":\"record id\"}\nnot json\n");
        Accounting accounting = Accounting.open(vertx, config());
        RecordingSink sink = new RecordingSink();
        done(accounting.addSink(sink, new SplittableRandom(5)));
        record(accounting, 0, 3);
        await().atMost(10, TimeUnit.SECONDS).until(() -> sink.received.size() >= 3);
        assertEquals(ids(0, 3), sink.received);
        assertEquals(2, accounting.sinkStats().get(0).malformed());
        done(accounting.close());
    }

    @Test
    void a_sink_further_behind_than_its_bound_skips_its_oldest_files_and_delivers_the_newest_in_order()
            throws Exception {
        Accounting accounting = Accounting.open(vertx, config(3000));
        record(accounting, 0, 60);
        RecordingSink sink = new RecordingSink();
        done(accounting.addSink(sink, new SplittableRandom(6)));
        await().atMost(10, TimeUnit.SECONDS).until(() -> sink.received.contains("rec-59"));
        SinkStats stats = accounting.sinkStats().get(0);
        int n = sink.received.size();
        assertTrue(n > 0 && n < 60, n + " delivered");
        assertEquals(ids(60 - n, 60), sink.received, "the newest, in order, none twice");
        assertTrue(stats.skippedBytes() > 0);
        List<String> lines = new ArrayList<>();
        long total = 0;
        for (CdrFiles.Name f : CdrFiles.list(dir.resolve("cdr"))) {
            Path file = dir.resolve("cdr").resolve(f.fileName());
            total += Files.size(file);
            lines.addAll(Files.readAllLines(file));
        }
        assertTrue(total - stats.skippedBytes() <= 3000, "what was kept is within the bound");
        assertEquals(60, lines.size(), "the skipped CDRs are still in the files");
        done(accounting.close());
    }
}
