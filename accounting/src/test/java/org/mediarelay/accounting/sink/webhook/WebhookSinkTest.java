package org.mediarelay.accounting.sink.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediarelay.accounting.TestCdrs.cdr;
import static org.mediarelay.accounting.TestCdrs.done;
import static org.mediarelay.accounting.TestCdrs.record;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.accounting.Accounting;
import org.mediarelay.accounting.AccountingConfig;
import org.mediarelay.accounting.cdr.CdrJson;
import org.mediarelay.accounting.journal.CdrJournal;
import org.mediarelay.accounting.sink.Backoff;

/** CDRs POSTed to a real HTTP server (Vert.x, on a port of its own) that fails when told to. */
class WebhookSinkTest {

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final List<JsonArray> batches = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private int receiver() throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            requests.incrementAndGet();
            authorizations.add(String.valueOf(req.getHeader("Authorization")));
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                req.response().setStatusCode(503).end("busy");
                return;
            }
            contentTypes.add(String.valueOf(req.getHeader("Content-Type")));
            batches.add(new JsonArray(body));
            req.response().setStatusCode(204).end();
        }));
        return done(server.listen(0, "127.0.0.1")).actualPort();
    }

    private Accounting accounting() throws Exception {
        return Accounting.open(vertx, new AccountingConfig(dir.resolve("cdr"), dir.resolve("cursors"),
                CdrJournal.NO_SIZE_LIMIT, 1 << 20, Long.MAX_VALUE, new Backoff(Duration.ofMillis(20), Duration.ofMillis(100))));
    }

    private List<JsonObject> received() {
        List<JsonObject> out = new ArrayList<>();
        batches.forEach(b -> b.forEach(o -> out.add((JsonObject) o)));
        return out;
    }

    @Test
    void cdrs_arrive_as_json_batches_of_the_records_as_written_with_the_bearer_token() throws Exception {
        int port = receiver();
        Accounting a = accounting();
        done(a.addSink(new WebhookSink(vertx, URI.create("http://127.0.0.1:" + port + "/cdrs?src=relay"),
                Optional.of("hook-token-0123456789"), Duration.ofSeconds(5)), new SplittableRandom(1)));
        record(a, 0, 700);
        await().atMost(10, TimeUnit.SECONDS).until(() -> received().size() >= 700);
        List<JsonObject> got = received();
        assertEquals(700, got.size());
        for (int i = 0; i < 700; i++) {
            assertEquals(CdrJson.encode(cdr(i)), got.get(i));
        }
        assertTrue(batches.size() >= 2, "700 records take more than one batch of at most 500");
        assertTrue(authorizations.stream().allMatch("Bearer hook-token-0123456789"::equals), authorizations.toString());
        assertTrue(contentTypes.stream().allMatch("application/json"::equals), contentTypes.toString());
        done(a.close());
    }

    @Test
    void a_receiver_answering_503_gets_the_same_batch_again_until_it_stores_it() throws Exception {
        int port = receiver();
        failuresLeft.set(3);
        Accounting a = accounting();
        done(a.addSink(new WebhookSink(vertx, URI.create("http://127.0.0.1:" + port + "/"), Optional.empty(),
                Duration.ofSeconds(5)), new SplittableRandom(2)));
        record(a, 0, 10);
        await().atMost(10, TimeUnit.SECONDS).until(() -> received().size() >= 10);
        assertEquals(10, received().size());
        assertEquals(4, requests.get(), "three refusals, then the batch");
        assertEquals(3, a.sinkStats().get(0).failures());
        done(a.close());
    }

    @Test
    void an_unreachable_receiver_loses_nothing_and_gets_everything_once_it_listens() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Accounting a = accounting();
        done(a.addSink(new WebhookSink(vertx, URI.create("http://127.0.0.1:" + port + "/"), Optional.empty(),
                Duration.ofSeconds(2)), new SplittableRandom(3)));
        record(a, 0, 5);
        await().atMost(10, TimeUnit.SECONDS).until(() -> a.sinkStats().get(0).failures() >= 2);
        assertEquals(false, a.sinkStats().get(0).up());
        HttpServer late = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            batches.add(new JsonArray(body));
            req.response().setStatusCode(200).end();
        }));
        done(late.listen(port, "127.0.0.1"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> received().size() >= 5);
        assertEquals(List.of("rec-0", "rec-1", "rec-2", "rec-3", "rec-4"),
                received().stream().map(j -> j.getString("record_id")).toList());
        done(a.close());
    }
}
