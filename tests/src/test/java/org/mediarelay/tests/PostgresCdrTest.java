package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.node.testing.TestPorts;

/**
 * CDRs delivered to a real PostgreSQL server (Debian's) by a real mediarelay process: one row per call, the record
 * whole as JSONB, MediaProxy's {@code media_sessions} view, and nothing lost or doubled across an outage of the
 * database or a restart of mediarelay.
 */
class PostgresCdrTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));

    @TempDir
    Path work;

    private RelayProcess relay(PostgresServer pg) throws Exception {
        return RelayProcess.start(ROOT, THIS_JDK, work, List.of("--ng.listen=127.0.0.1:0",
                "--http.listen=127.0.0.1:0", "--media.ports=" + TestPorts.block(200),
                "--data.dir=" + work.resolve("data"), "--cluster.name=pg-" + UUID.randomUUID(),
                "--cdr.postgres=" + pg.url()));
    }

    private static Ng ng(RelayProcess relay) throws Exception {
        return new Ng(new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.ngPort()));
    }

    static String sdp(String origin, int port) {
        return "v=0\r\no=" + origin + " 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\na=sendrecv\r\n";
    }

    /** Offer and answer: a call up on the relay. */
    static void setUp(Ng ng, String callId) throws Exception {
        ng.sdp(ng.request("offer", "call-id", callId, "from-tag", "caller", "sdp", sdp("caller", 40000)));
        ng.sdp(ng.request("answer", "call-id", callId, "from-tag", "caller", "to-tag", "callee",
                "sdp", sdp("callee", 40002)));
    }

    static void end(Ng ng, String callId) throws Exception {
        assertEquals("ok", Ng.text(ng.request("delete", "call-id", callId, "from-tag", "caller"), "result"));
    }

    private static int rows(PostgresServer pg) throws Exception {
        return Integer.parseInt(pg.query("SELECT count(*) FROM mediarelay_cdr").get(0));
    }

    @Test
    void each_ended_call_is_one_row_with_its_whole_record_and_a_redelivery_adds_nothing() throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            List<JsonObject> files;
            try (RelayProcess relay = relay(pg); Ng ng = ng(relay)) {
                relay.awaitReady();
                for (int i = 0; i < 20; i++) {
                    setUp(ng, "pg-" + i);
                    end(ng, "pg-" + i);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> rows(pg) == 20);
                files = Scrape.cdrs(work.resolve("data/cdr"));
                assertEquals(143, relay.terminate());
            }
            assertEquals(20, files.size());
            Map<String, JsonObject> byId = files.stream()
                    .collect(Collectors.toMap(j -> j.getString("record_id"), j -> j));
            for (String row : pg.query("SELECT record_id, call_id, from_tag, to_tag, reason, node, "
                    + "extract(epoch FROM ended) * 1000, record::text FROM mediarelay_cdr")) {
                String[] c = row.split("\\|", 8);
                JsonObject cdr = byId.get(c[0]);
                assertEquals(cdr.getString("call_id"), c[1]);
                assertEquals("caller", c[2]);
                assertEquals("callee", c[3]);
                assertEquals("regular", c[4]);
                assertEquals(cdr.getString("node"), c[5]);
                assertEquals(Instant.parse(cdr.getString("ended")).toEpochMilli(), (long) Double.parseDouble(c[6]));
                assertEquals(cdr, new JsonObject(c[7]), "the record column holds the CDR whole");
            }
            assertEquals(List.of("20"), pg.query("SELECT count(*) FROM media_sessions m JOIN mediarelay_cdr c "
                    + "ON m.call_id = c.call_id AND m.from_tag = c.from_tag AND m.to_tag = c.to_tag "
                    + "WHERE m.info::jsonb = c.record"));
            pg.query("INSERT INTO mediarelay_cdr (record_id, call_id, from_tag, node, created, ended, duration_ms, "
                    + "reason, record) VALUES ('x-interim-1', 'pg-0', 'caller', 'n', now(), now(), 0, 'interim', "
                    + "'{\"record_type\":\"interim\"}')");
            assertEquals(List.of("20"), pg.query("SELECT count(*) FROM media_sessions"),
                    "MediaProxy's view shows final records only");
            assertEquals(List.of("2"), pg.query("SELECT max(version) FROM mediarelay_schema"));
            pg.query("DELETE FROM mediarelay_cdr WHERE record_id = 'x-interim-1'");

            // Forget where delivery got to: the next start delivers every CDR again, and the table stays as it was.
            Files.delete(work.resolve("data/cdr-cursors/postgres"));
            try (RelayProcess again = relay(pg)) {
                again.awaitReady();
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(work.resolve("data/cdr-cursors/postgres"))
                        && Scrape.metrics(again.httpPort()).get("mediarelay_cdr_sink_delivered_total{sink=\"postgres\"}") == 20);
                assertEquals(20, rows(pg));
                assertEquals(143, again.terminate());
            }
        }
    }

    @Test
    void calls_that_end_while_postgres_is_down_for_30_s_are_all_in_the_table_once_after_it_returns()
            throws Exception {
        try (PostgresServer pg = PostgresServer.start(); RelayProcess relay = relay(pg); Ng ng = ng(relay)) {
            relay.awaitReady();
            List<String> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add("outage-" + i);
                setUp(ng, calls.get(i));
            }
            end(ng, calls.get(0));
            await().atMost(Duration.ofSeconds(30)).until(() -> rows(pg) == 1);

            pg.stopServer();
            Instant down = Instant.now();
            for (String call : calls.subList(1, calls.size())) {
                end(ng, call);
            }
            String up = "mediarelay_cdr_sink_up{sink=\"postgres\"}";
            // Polled as Prometheus would: a slow scrape is retried, and a busy machine gets a generous bound.
            relay.awaitMetric(up, v -> v == 0.0, Duration.ofSeconds(60));
            // The rest of the 30 s outage: the relay keeps serving and every CDR stays safe in its files.
            Duration rest = Duration.ofSeconds(30).minus(Duration.between(down, Instant.now()));
            rest = rest.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : rest;
            await().during(rest).atMost(rest.plusSeconds(10)).until(() -> relay.isAlive()
                    && Scrape.cdrs(work.resolve("data/cdr")).size() == 100
                    && Ng.text(ng.request("ping"), "result").equals("pong"));
            assertTrue(Scrape.metrics(relay.httpPort()).get("mediarelay_cdr_sink_backlog_bytes{sink=\"postgres\"}") > 0,
                    "the sink reports what it has still to deliver");

            pg.startServer();
            await().atMost(Duration.ofSeconds(60)).until(() -> rows(pg) == 100);
            assertEquals(List.of(String.join(",", calls.stream().sorted().toList())),
                    pg.query("SELECT string_agg(call_id, ',' ORDER BY call_id COLLATE \"C\") FROM mediarelay_cdr"));
            // Up again at its next successful delivery: the sink backs off up to 30 s between tries (a try that
            // timed out during the outage may have committed late; its redelivery changes nothing).
            relay.awaitMetric(up, v -> v == 1.0, Duration.ofSeconds(90));
        }
    }
}
