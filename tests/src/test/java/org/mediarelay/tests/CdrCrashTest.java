package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.node.testing.TestPorts;

/**
 * {@code kill -9} of mediarelay while hundreds of calls end: after a restart every call whose delete was answered has
 * exactly one CDR in the CDR files and exactly one row in PostgreSQL, and no CDR is in either twice; a webhook
 * receiver and FreeRADIUS have every CDR too (at least once: they deduplicate on the record id, as documented).
 */
class CdrCrashTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));
    private static final int CALLS = 400;
    private static final int ENDERS = 4;

    @TempDir
    Path work;

    private static final String SECRET = "crash-" + UUID.randomUUID();
    /** Record ids the webhook received, each time it received one. */
    private final List<String> hooked = new CopyOnWriteArrayList<>();

    private RelayProcess relay(PostgresServer pg, FreeRadiusServer radius, HttpServer hook) throws Exception {
        return RelayProcess.start(ROOT, THIS_JDK, work, List.of("--ng.listen=127.0.0.1:0",
                "--http.listen=127.0.0.1:0", "--media.ports=" + TestPorts.block(CALLS * 2 + 10),
                "--data.dir=" + work.resolve("data"), "--cluster.name=crash-" + UUID.randomUUID(),
                "--cdr.postgres=" + pg.url(), "--cdr.radius=127.0.0.1:" + radius.port(), "--cdr.radius.secret=" + SECRET,
                "--cdr.webhook=http://127.0.0.1:" + hook.getAddress().getPort() + "/cdrs"));
    }

    /** A webhook receiver: a real HTTP server that notes every record id it is sent. */
    private HttpServer hook() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cdrs", exchange -> {
            new JsonArray(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .forEach(o -> hooked.add(((JsonObject) o).getString("record_id")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void after_a_kill_9_while_calls_end_every_answered_delete_has_exactly_one_cdr_in_every_sink() throws Exception {
        HttpServer hook = hook();
        try (PostgresServer pg = PostgresServer.start();
             FreeRadiusServer radius = FreeRadiusServer.start(work.resolve("radius"), SECRET)) {
            Set<String> ended = ConcurrentHashMap.newKeySet();
            try (RelayProcess relay = relay(pg, radius, hook)) {
                InetSocketAddress ngAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.ngPort());
                try (Ng ng = new Ng(ngAddress)) {
                    for (int i = 0; i < CALLS; i++) {
                        PostgresCdrTest.setUp(ng, "crash-" + i);
                    }
                }
                // Four proxies' worth of deletes at once; the process is killed once a third of them are answered.
                CountDownLatch third = new CountDownLatch(CALLS / 3);
                ExecutorService enders = Executors.newFixedThreadPool(ENDERS);
                for (int t = 0; t < ENDERS; t++) {
                    int first = t;
                    enders.submit(() -> {
                        // As Kamailio's rtpengine module asks by default (rtpengine_tout_ms 1000, rtpengine_retr 5): a
                        // slow reply is waited for and the request sent again with the same cookie, which the relay
                        // answers from its reply cache, never by ending the call twice.
                        try (Ng ng = new Ng(ngAddress, Duration.ofSeconds(1), 5)) {
                            for (int i = first; i < CALLS; i += ENDERS) {
                                PostgresCdrTest.end(ng, "crash-" + i);
                                ended.add("crash-" + i);
                                third.countDown();
                            }
                        } catch (Throwable killed) {
                            // no reply: the process is gone
                        }
                        return null;
                    });
                }
                assertTrue(third.await(120, TimeUnit.SECONDS), "a third of the deletes answered");
                relay.kill();
                enders.shutdown();
                assertTrue(enders.awaitTermination(30, TimeUnit.SECONDS));
            }
            assertTrue(ended.size() < CALLS, "killed while calls were still ending (" + ended.size() + " ended)");

            try (RelayProcess restarted = relay(pg, radius, hook)) {
                restarted.awaitReady();
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    Map<String, Double> m = Scrape.metrics(restarted.httpPort());
                    return m.get("mediarelay_cdr_sink_backlog_bytes{sink=\"postgres\"}") == 0.0
                            && m.get("mediarelay_cdr_sink_backlog_bytes{sink=\"radius\"}") == 0.0
                            && m.get("mediarelay_cdr_sink_backlog_bytes{sink=\"webhook\"}") == 0.0
                            && rows(pg) == Scrape.cdrs(work.resolve("data/cdr")).size();
                });
                List<JsonObject> files = Scrape.cdrs(work.resolve("data/cdr"));
                Map<String, Long> perCall = files.stream()
                        .collect(Collectors.groupingBy(j -> j.getString("call_id"), Collectors.counting()));
                for (String call : ended) {
                    assertEquals(1L, perCall.getOrDefault(call, 0L), call + ": one CDR in the files");
                }
                assertTrue(perCall.values().stream().allMatch(n -> n == 1), "no call has two CDRs: " + perCall);
                Set<String> recordIds = files.stream().map(j -> j.getString("record_id")).collect(Collectors.toSet());
                assertEquals(files.size(), recordIds.size());

                List<String> table = pg.query("SELECT record_id || ' ' || call_id FROM mediarelay_cdr");
                Map<String, String> callByRecord = table.stream().map(r -> r.split(" ", 2))
                        .collect(Collectors.toMap(r -> r[0], r -> r[1]));
                assertEquals(recordIds, callByRecord.keySet(), "the table holds exactly the CDRs of the files");
                assertTrue(new HashSet<>(callByRecord.values()).containsAll(ended));
                assertEquals(recordIds, new HashSet<>(hooked), "the webhook got every CDR and nothing else");
                assertEquals(recordIds, radius.records().stream().map(r -> r.get("Acct-Multi-Session-Id"))
                        .collect(Collectors.toSet()), "FreeRADIUS got every CDR and nothing else");
                assertEquals(143, restarted.terminate());
            }
        } finally {
            hook.stop(0);
        }
    }

    private static int rows(PostgresServer pg) throws Exception {
        return Integer.parseInt(pg.query("SELECT count(*) FROM mediarelay_cdr").get(0));
    }
}
