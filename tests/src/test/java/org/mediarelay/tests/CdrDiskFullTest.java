package org.mediarelay.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.accounting.testing.SmallFilesystem;
import org.mediarelay.node.testing.TestPorts;

/**
 * mediarelay with its data directory on a small real filesystem that runs full: a call that ends then is over (its
 * ports are free) but its CDR is kept, the process reports itself not ready and says why, a repeated delete makes no
 * second CDR, and once space returns the CDR is on disk exactly once and the process is ready again.
 */
class CdrDiskFullTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));

    @TempDir
    Path work;

    private static int health(int httpPort) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/health/ready")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void a_call_that_ends_on_a_full_disk_keeps_its_cdr_until_space_returns_and_has_exactly_one() throws Exception {
        try (SmallFilesystem fs = SmallFilesystem.mount(work.resolve("fs"), 1024);
             RelayProcess relay = RelayProcess.start(ROOT, THIS_JDK, work, List.of("--ng.listen=127.0.0.1:0",
                     "--http.listen=127.0.0.1:0", "--media.ports=" + TestPorts.block(16),
                     "--data.dir=" + fs.root().resolve("data"), "--cluster.name=diskfull-" + UUID.randomUUID()));
             Ng ng = new Ng(new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.ngPort()))) {
            PostgresCdrTest.setUp(ng, "before-full");
            PostgresCdrTest.end(ng, "before-full");
            assertEquals(200, health(relay.httpPort()));

            fs.fill();
            // The file's last block has room for a CDR or two: calls end until the disk refuses one.
            List<String> ended = new ArrayList<>(List.of("before-full"));
            String full = null;
            Map<String, Object> refused = null;
            for (int i = 0; i < 20 && full == null; i++) {
                String call = "on-full-" + i;
                PostgresCdrTest.setUp(ng, call);
                Map<String, Object> reply = ng.request("delete", "call-id", call, "from-tag", "caller");
                if (Ng.text(reply, "result").equals("ok")) {
                    ended.add(call);
                } else {
                    full = call;
                    refused = reply;
                }
            }
            assertTrue(full != null, "the disk refused a CDR within 20 calls");
            assertEquals("error", Ng.text(refused, "result"));
            String reason = Ng.text(refused, "error-reason");
            assertTrue(reason.contains("not on disk yet") && reason.contains("No space left on device"), reason);
            relay.awaitMetric("mediarelay_cdr_files_writable", v -> v == 0.0, Duration.ofSeconds(30));
            assertEquals(503, health(relay.httpPort()), "not ready while CDRs cannot be written");
            assertEquals(1.0, Scrape.metrics(relay.httpPort()).get("mediarelay_cdrs_pending"));
            // The proxy retries its delete: the same answer, and no second CDR.
            assertEquals(reason, Ng.text(ng.request("delete", "call-id", full, "from-tag", "caller"),
                    "error-reason"));
            assertEquals("ok", Ng.text(ng.request("query", "call-id", full), "result"),
                    "the session stays while its CDR is not on disk");

            fs.free();
            relay.awaitMetric("mediarelay_cdrs_pending", v -> v == 0.0, Duration.ofSeconds(60));
            relay.awaitMetric("mediarelay_cdr_files_writable", v -> v == 1.0, Duration.ofSeconds(30));
            assertEquals(200, health(relay.httpPort()));
            ended.add(full);
            assertEquals(ended, Scrape.cdrs(fs.root().resolve("data/cdr")).stream()
                    .map(j -> j.getString("call_id")).toList(), "each call's CDR once, in the order the calls ended");
            assertEquals("error", Ng.text(ng.request("query", "call-id", full), "result"),
                    "forgotten once its CDR is on disk");
            assertEquals(0.0, Scrape.metrics(relay.httpPort()).get("mediarelay_cdrs_failed_total"));
            assertEquals(143, relay.terminate());
        }
    }
}
