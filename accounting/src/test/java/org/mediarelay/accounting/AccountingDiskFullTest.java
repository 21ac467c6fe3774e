package org.mediarelay.accounting;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediarelay.accounting.TestCdrs.cdr;
import static org.mediarelay.accounting.TestCdrs.done;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.accounting.journal.CdrJournal;
import org.mediarelay.accounting.sink.Backoff;
import org.mediarelay.accounting.testing.SmallFilesystem;

/** The CDR files on a real filesystem that runs full: nothing lost, nothing written twice, and it says so. */
@ExtendWith(VertxExtension.class)
class AccountingDiskFullTest {

    private static final Path FILE = Path.of("cdr", "cdr-2026-11-21.jsonl");

    @TempDir
    Path work;

    private static Accounting open(Vertx vertx, Path root) throws Exception {
        // Retries a second or two apart: the test reads the files between two of them.
        return Accounting.open(vertx, new AccountingConfig(root.resolve("cdr"), root.resolve("cursors"),
                CdrJournal.NO_SIZE_LIMIT, 1 << 20, 1 << 30, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2))),
                new SplittableRandom(7));
    }

    /** The record ids in the CDR file, in file order; every line must be a whole CDR. */
    private static List<String> recordIds(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(l -> new JsonObject(l).getString("record_id")).toList();
    }

    /** Records CDRs {@code from} .. {@code to-1} on an event loop, back to back; their first outcomes. */
    private static List<Written> recordOnALoop(Vertx vertx, Accounting accounting, int from, int to) throws Exception {
        CompletableFuture<List<Future<Written>>> started = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            List<Future<Written>> writes = new ArrayList<>();
            for (int i = from; i < to; i++) {
                writes.add(accounting.record(cdr(i)));
            }
            started.complete(writes);
        });
        List<Future<Written>> writes = started.get();
        done(Future.all(writes));
        return writes.stream().map(Future::result).toList();
    }

    @Test
    void cdrs_the_full_disk_refuses_are_kept_and_written_once_each_in_order_when_space_returns(Vertx vertx)
            throws Exception {
        try (SmallFilesystem fs = SmallFilesystem.mount(work.resolve("fs"), 256)) {
            Accounting accounting = open(vertx, fs.root());
            assertEquals(new Written.Durable(), done(accounting.record(cdr(0))));
            fs.fill();

            // The first page of the file has room for a few lines: a batch gets part of the way, then the disk is full.
            List<Written> first = recordOnALoop(vertx, accounting, 1, 41);
            List<Written.Retrying> retrying = first.stream().filter(w -> w instanceof Written.Retrying)
                    .map(w -> (Written.Retrying) w).toList();
            assertFalse(retrying.isEmpty(), "the full disk refused some: " + first);
            assertTrue(retrying.get(0).reason().contains("No space left on device"), retrying.get(0).reason());
            int durableAtOnce = first.size() - retrying.size();
            assertTrue(first.subList(0, durableAtOnce).stream().allMatch(w -> w instanceof Written.Durable),
                    "what got through is a prefix, in order: " + first);
            assertFalse(accounting.writable());
            assertTrue(accounting.failedWrites() >= 1);
            assertEquals(retrying.size(), accounting.pending());
            // What a refused batch had written before the disk ran out was cut back: whole lines, each CDR once.
            assertEquals(TestCdrs.ids(0, 1 + durableAtOnce), recordIds(fs.root().resolve(FILE)));

            fs.free();
            await().atMost(Duration.ofSeconds(30)).until(() -> retrying.stream().allMatch(r -> r.durable().succeeded()));
            assertEquals(TestCdrs.ids(0, 41), recordIds(fs.root().resolve(FILE)));
            assertTrue(accounting.writable());
            assertEquals(0, accounting.pending());
            assertEquals(41, accounting.written());
            assertEquals(0, accounting.givenUp());
            done(accounting.close());
        }
    }

    @Test
    void cdrs_still_refused_when_the_process_stops_are_given_up_and_counted(Vertx vertx) throws Exception {
        try (SmallFilesystem fs = SmallFilesystem.mount(work.resolve("fs"), 128)) {
            Accounting accounting = open(vertx, fs.root());
            fs.fill();
            List<Written> refused = recordOnALoop(vertx, accounting, 0, 3);
            assertTrue(refused.stream().allMatch(w -> w instanceof Written.Retrying), refused.toString());
            done(accounting.close());
            assertTrue(refused.stream().allMatch(w -> ((Written.Retrying) w).durable().failed()));
            assertEquals(3, accounting.givenUp());
            assertEquals(0, accounting.written());
        }
    }
}
