package org.mediarelay.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mediarelay.accounting.TestCdrs.cdr;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.accounting.cdr.CdrJson;

@ExtendWith(VertxExtension.class)
class AccountingTest {

    @TempDir
    Path dir;

    @Test
    void each_recorded_cdr_is_on_disk_when_its_future_completes_in_the_order_recorded(Vertx vertx, VertxTestContext ctx)
            throws Exception {
        Accounting accounting = Accounting.open(vertx, dir.resolve("cdr"));
        List<Future<Written>> writes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            writes.add(accounting.record(cdr(i)));
        }
        Future.all(writes).compose(v -> accounting.close()).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
            List<String> lines = Files.readAllLines(dir.resolve("cdr").resolve("cdr-2026-11-21.jsonl"));
            assertEquals(20, lines.size());
            for (int i = 0; i < 20; i++) {
                assertEquals(cdr(i), CdrJson.decode(new JsonObject(lines.get(i))));
            }
            ctx.completeNow();
        })));
    }

    @Test
    void cdrs_recorded_from_an_event_loop_complete_on_it_each_durable_when_it_completes(Vertx vertx,
                                                                                      VertxTestContext ctx)
            throws Exception {
        Accounting accounting = Accounting.open(vertx, dir.resolve("cdr"));
        Path file = dir.resolve("cdr").resolve("cdr-2026-11-21.jsonl");
        vertx.runOnContext(start -> {
            io.vertx.core.Context loop = Vertx.currentContext();
            List<Future<Written>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                writes.add(accounting.record(cdr(n)).map(v -> {
                    ctx.verify(() -> {
                        assertEquals(new Written.Durable(), v);
                        assertEquals(loop, Vertx.currentContext(), "the caller's context, not the writer's thread");
                        List<String> lines = Files.readAllLines(file);
                        assertEquals(true, lines.stream().anyMatch(l -> l.contains("\"call-" + n + "\"")),
                                "call-" + n + " is on disk when its future completes");
                    });
                    return v;
                }));
            }
            Future.all(writes).compose(v -> accounting.close()).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                assertEquals(200, Files.readAllLines(file).size());
                assertEquals(200, accounting.written());
                assertEquals(0, accounting.pending());
                ctx.completeNow();
            })));
        });
    }
}
