package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.testing.UdpPeer;

/**
 * CDRs to a real FreeRADIUS (Debian's) as MediaProxy sent them and CDRTool reads them: one Interim-Update per call
 * with its Call-ID, tags, talk time and the relayed octets each way; nothing sent to a server that does not share the
 * secret, and everything once it does.
 */
class RadiusCdrTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));
    private static final String SECRET = "radius-test-" + UUID.randomUUID();
    private static final int PACKETS = 20;

    @TempDir
    Path work;

    private RelayProcess relay(int radiusPort, String secret) throws Exception {
        return RelayProcess.start(ROOT, THIS_JDK, work, List.of("--ng.listen=127.0.0.1:0",
                "--http.listen=127.0.0.1:0", "--media.ports=" + TestPorts.block(32),
                "--data.dir=" + work.resolve("data"), "--cluster.name=radius-" + UUID.randomUUID(),
                "--cdr.radius=127.0.0.1:" + radiusPort, "--cdr.radius.secret=" + secret));
    }

    /** A call with RTP both ways through the relay, then ended. */
    private static void call(Ng ng, String callId) throws Exception {
        try (UdpPeer caller = new UdpPeer(); UdpPeer callee = new UdpPeer()) {
            String offer = ng.sdp(ng.request("offer", "call-id", callId, "from-tag", "alice",
                    "sdp", Calls.blinkOfferFrom(caller, caller)));
            String answer = ng.sdp(ng.request("answer", "call-id", callId, "from-tag", "alice", "to-tag", "bob",
                    "sdp", Calls.answerFrom(callee, callee)));
            InetSocketAddress toCallee = Calls.rtpTarget(offer);
            InetSocketAddress toCaller = Calls.rtpTarget(answer);
            for (int seq = 1; seq <= PACKETS; seq++) {
                caller.send(UdpPeer.rtp(seq, 0xA1), toCaller);
                callee.send(UdpPeer.rtp(seq, 0xB2), toCallee);
                callee.receive().orElseThrow(() -> new AssertionError("lost at callee"));
                caller.receive().orElseThrow(() -> new AssertionError("lost at caller"));
            }
        }
        assertEquals("ok", Ng.text(ng.request("delete", "call-id", callId, "from-tag", "alice"), "result"));
    }

    private static long octetsFrom(JsonObject cdr, String party) {
        return cdr.getJsonArray("streams").stream().map(s -> ((JsonObject) s).getJsonObject(party))
                .mapToLong(p -> p.getJsonObject("rtp").getLong("bytes") + p.getJsonObject("rtcp").getLong("bytes"))
                .sum();
    }

    @Test
    void each_ended_call_reaches_freeradius_as_an_interim_update_with_cdrtools_attributes_and_the_octets()
            throws Exception {
        try (FreeRadiusServer radius = FreeRadiusServer.start(work.resolve("radius"), SECRET);
             RelayProcess relay = relay(radius.port(), SECRET);
             Ng ng = new Ng(new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.ngPort()))) {
            for (int i = 0; i < 3; i++) {
                call(ng, "radius-" + i + "@test");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> radius.records().size() >= 3);
            Map<String, JsonObject> cdrs = Scrape.cdrs(work.resolve("data/cdr")).stream()
                    .collect(Collectors.toMap(j -> j.getString("call_id"), j -> j));
            List<Map<String, String>> records = radius.records();
            assertEquals(3, records.size(), () -> "one request per call: " + records);
            for (Map<String, String> r : records) {
                JsonObject cdr = cdrs.get(r.get("Acct-Session-Id"));
                assertTrue(cdr != null, () -> "no CDR for " + r);
                assertEquals("Interim-Update", r.get("Acct-Status-Type"));
                assertEquals("mediaproxy@default", r.get("User-Name"));
                assertEquals("alice", r.get("Sip-From-Tag"));
                assertEquals("bob", r.get("Sip-To-Tag"));
                assertEquals(cdr.getString("record_id"), r.get("Acct-Multi-Session-Id"));
                assertEquals("127.0.0.1", r.get("NAS-IP-Address"));
                assertEquals("audio", r.get("Sip-Applications"));
                long caller = octetsFrom(cdr, "caller");
                assertTrue(caller >= PACKETS * 12L, "the caller's RTP is counted: " + caller);
                assertEquals(String.valueOf(caller), r.get("Acct-Input-Octets"));
                assertEquals(String.valueOf(octetsFrom(cdr, "callee")), r.get("Acct-Output-Octets"));
                assertEquals("0", r.get("Acct-Input-Gigawords"));
                long talk = Math.round(Duration.between(Instant.parse(cdr.getString("answered")),
                        Instant.parse(cdr.getString("ended"))).toMillis() / 1000.0);
                assertEquals(String.valueOf(talk), r.get("Acct-Session-Time"));
            }
            assertEquals(143, relay.terminate());
        }
    }

    @Test
    void a_server_that_does_not_share_the_secret_gets_nothing_and_after_the_fix_it_gets_every_cdr_once()
            throws Exception {
        try (FreeRadiusServer radius = FreeRadiusServer.start(work.resolve("radius"), SECRET)) {
            try (RelayProcess wrong = relay(radius.port(), "not-the-secret");
                 Ng ng = new Ng(new InetSocketAddress(InetAddress.getLoopbackAddress(), wrong.ngPort()))) {
                for (int i = 0; i < 2; i++) {
                    call(ng, "secret-" + i + "@test");
                }
                // FreeRADIUS drops requests it cannot authenticate: no answer, so the sink keeps retrying.
                wrong.awaitMetric("mediarelay_cdr_sink_failures_total{sink=\"radius\"}", n -> n >= 1,
                        Duration.ofSeconds(60));
                assertEquals(0.0, Scrape.metrics(wrong.httpPort()).get("mediarelay_cdr_sink_up{sink=\"radius\"}"));
                assertTrue(Scrape.metrics(wrong.httpPort())
                        .get("mediarelay_cdr_sink_backlog_bytes{sink=\"radius\"}") > 0);
                assertEquals(List.of(), radius.records());
                assertEquals(143, wrong.terminate());
            }
            try (RelayProcess fixed = relay(radius.port(), SECRET)) {
                fixed.awaitReady();
                await().atMost(Duration.ofSeconds(30)).until(() -> radius.records().size() >= 2);
                assertEquals(List.of("secret-0@test", "secret-1@test"), radius.records().stream()
                        .map(r -> r.get("Acct-Session-Id")).sorted().toList());
                assertEquals(143, fixed.terminate());
            }
        }
    }
}
