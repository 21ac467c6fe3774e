package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.control.config.MediarelayConfig;
import org.mediarelay.control.config.Settings;
import org.mediarelay.control.launch.Mediarelay;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.testing.StunMessages;
import org.mediarelay.node.testing.UdpPeer;
import org.mediarelay.sdp.Vectors;

/**
 * The whole path through the real all-in-one process (clustered Vert.x on an embedded Hazelcast member): ng offer
 * and answer over UDP, RTP and RTCP between two real endpoint sockets through the relay, ng delete, the CDR line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllInOneTest {

    private static final int RTP_EACH_WAY = 100;
    private static final int RTCP_EACH_WAY = 10;

    /** Static: a per-class lifecycle's @BeforeAll runs before instance fields are injected. */
    @TempDir
    static Path work;

    private Mediarelay relay;
    private Ng ng;

    @BeforeAll
    void start() throws Exception {
        Path root = Path.of(System.getProperty("mediarelay.root"));
        MediarelayConfig config = MediarelayConfig.from(Settings.resolve(List.of(
                "--ng.listen=127.0.0.1:0", "--http.listen=127.0.0.1:0",
                "--media.ports=" + TestPorts.block(64),
                "--data.dir=" + work.resolve("data"),
                "--cluster.config=" + root.resolve("cluster.yaml"),
                "--cluster.name=e2e-" + UUID.randomUUID()), Map.of(), work), work, new SplittableRandom());
        relay = Mediarelay.start(config, Clock.systemUTC(), new SplittableRandom())
                .toCompletableFuture().get(2, TimeUnit.MINUTES);
        ng = new Ng(new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.ngAddress().orElseThrow().port()));
    }

    @AfterAll
    void stop() throws Exception {
        ng.close();
        relay.stop().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }

    @Test
    void answers_ping_and_reports_ready_over_http() throws Exception {
        assertEquals("pong", Ng.text(ng.request("ping"), "result"));
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + relay.httpPort() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode());
        assertEquals("ready", new JsonObject(ready.body()).getString("status"));
    }

    @Test
    void blink_offer_and_an_answer_point_at_the_relay_and_keep_every_other_line() throws Exception {
        String blink = Vectors.read("blink-plain-offer.sdp");
        String offer = ng.sdp(ng.request("offer", "call-id", "vec-1", "from-tag", "blink", "sdp", blink));
        List<String> in = Arrays.asList(blink.split("\r\n", -1));
        List<String> out = Arrays.asList(offer.split("\r\n", -1));
        assertEquals(in.size(), out.size());
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            if (!in.get(i).equals(out.get(i))) {
                changed.add(in.get(i).substring(0, 2) + (in.get(i).startsWith("a=rtcp") ? "rtcp" : ""));
            } else {
                assertTrue(!in.get(i).contains("192.168.99.23") || in.get(i).startsWith("o="), in.get(i));
            }
        }
        assertEquals(List.of("c=", "m=", "a=rtcp"), changed, "only c=, m= and a=rtcp change");
        assertEquals("127.0.0.1", Calls.rtpTarget(offer).getHostString());

        try (UdpPeer rtp = new UdpPeer(); UdpPeer rtcp = new UdpPeer()) {
            String answer = ng.sdp(ng.request("answer", "call-id", "vec-1", "from-tag", "blink", "to-tag", "peer",
                    "sdp", Calls.answerFrom(rtp, rtcp)));
            assertEquals("127.0.0.1", Calls.rtpTarget(answer).getHostString());
            assertTrue(Calls.rtpTarget(answer).getPort() != Calls.rtpTarget(offer).getPort());
        }
        assertEquals("ok", Ng.text(ng.request("delete", "call-id", "vec-1", "from-tag", "blink"), "result"));
    }

    @Test
    void a_call_relays_rtp_and_rtcp_both_ways_without_loss_and_its_cdr_has_the_exact_counts() throws Exception {
        try (UdpPeer callerRtp = new UdpPeer(); UdpPeer callerRtcp = new UdpPeer();
             UdpPeer calleeRtp = new UdpPeer(); UdpPeer calleeRtcp = new UdpPeer()) {
            String offer = ng.sdp(ng.request("offer", "call-id", "call-1@e2e", "from-tag", "alice",
                    "sdp", Calls.blinkOfferFrom(callerRtp, callerRtcp)));
            String answer = ng.sdp(ng.request("answer", "call-id", "call-1@e2e", "from-tag", "alice", "to-tag", "bob",
                    "sdp", Calls.answerFrom(calleeRtp, calleeRtcp)));
            InetSocketAddress toCallee = Calls.rtpTarget(offer);
            InetSocketAddress toCaller = Calls.rtpTarget(answer);

            for (int seq = 0; seq < RTP_EACH_WAY; seq++) {
                callerRtp.send(UdpPeer.rtp(seq, 0xA1), toCaller);
                calleeRtp.send(UdpPeer.rtp(seq, 0xB2), toCallee);
                UdpPeer.Received atCallee = calleeRtp.receive().orElseThrow(() -> new AssertionError("lost at callee"));
                UdpPeer.Received atCaller = callerRtp.receive().orElseThrow(() -> new AssertionError("lost at caller"));
                assertEquals(seq, UdpPeer.sequenceOf(atCallee.payload()));
                assertEquals(seq, UdpPeer.sequenceOf(atCaller.payload()));
                assertEquals(toCallee, atCallee.from(), "the callee hears the relay from the port it sends to");
                assertEquals(toCaller, atCaller.from(), "the caller hears the relay from the port it sends to");
            }
            for (int i = 0; i < RTCP_EACH_WAY; i++) {
                callerRtcp.send(UdpPeer.rtcp(0xA1), Calls.rtcpTarget(answer));
                calleeRtcp.send(UdpPeer.rtcp(0xB2), Calls.rtcpTarget(offer));
                assertEquals(Calls.rtcpTarget(offer), calleeRtcp.receive().orElseThrow().from());
                assertEquals(Calls.rtcpTarget(answer), callerRtcp.receive().orElseThrow().from());
            }

            assertEquals("ok", Ng.text(ng.request("delete", "call-id", "call-1@e2e", "from-tag", "alice"), "result"));
            JsonObject cdr = cdrOf("call-1@e2e");
            assertEquals("alice", cdr.getString("from_tag"));
            assertEquals("bob", cdr.getString("to_tag"));
            assertEquals("regular", cdr.getString("reason"));
            assertTrue(cdr.getLong("duration_ms") >= 0);
            JsonArray streams = cdr.getJsonArray("streams");
            assertEquals(1, streams.size());
            JsonObject caller = streams.getJsonObject(0).getJsonObject("caller");
            JsonObject callee = streams.getJsonObject(0).getJsonObject("callee");
            assertEquals(new JsonObject().put("packets", RTP_EACH_WAY).put("bytes", RTP_EACH_WAY * 172), caller.getJsonObject("rtp"));
            assertEquals(new JsonObject().put("packets", RTP_EACH_WAY).put("bytes", RTP_EACH_WAY * 172), callee.getJsonObject("rtp"));
            assertEquals(new JsonObject().put("packets", RTCP_EACH_WAY).put("bytes", RTCP_EACH_WAY * 8), caller.getJsonObject("rtcp"));
            assertEquals(new JsonObject().put("packets", RTCP_EACH_WAY).put("bytes", RTCP_EACH_WAY * 8), callee.getJsonObject("rtcp"));
            assertEquals("127.0.0.1:" + callerRtp.port(), caller.getString("latched_rtp"));
            assertEquals(toCaller.getPort(), caller.getInteger("relay_rtp_port"));
            assertEquals(toCallee.getPort(), callee.getInteger("relay_rtp_port"));
            assertEquals(0L, caller.getLong("dropped") + callee.getLong("dropped"));
            assertEquals(new JsonObject(), caller.getJsonObject("drops"));
            assertEquals(new JsonArray().add("PCMU/8000").add("telephone-event/8000"),
                    streams.getJsonObject(0).getJsonArray("codecs"), "the answer's formats");
            assertEquals("127.0.0.1:" + callerRtp.port(), caller.getString("sdp_rtp"));
            assertEquals("127.0.0.1:" + calleeRtp.port(), callee.getString("sdp_rtp"));
            assertEquals(new JsonArray().add(0), caller.getJsonArray("payload_types"),
                    "the codec the caller really sent (UdpPeer.rtp: PCMU)");
            Instant created = Instant.parse(cdr.getString("created"));
            Instant answered = Instant.parse(cdr.getString("answered"));
            Instant ended = Instant.parse(cdr.getString("ended"));
            Instant mediaStart = Instant.parse(cdr.getString("media_start"));
            Instant mediaEnd = Instant.parse(cdr.getString("media_end"));
            assertEquals(Duration.between(created, answered).toMillis(), cdr.getLong("setup_ms"));
            assertEquals(Duration.between(answered, ended).toMillis(), cdr.getLong("talk_ms"));
            assertTrue(!mediaStart.isBefore(created) && !mediaStart.isAfter(mediaEnd) && !mediaEnd.isAfter(ended),
                    "created <= media start <= media end <= ended: " + cdr);
            Instant callerFirst = Instant.parse(caller.getString("first_packet"));
            Instant calleeFirst = Instant.parse(callee.getString("first_packet"));
            assertEquals(callerFirst.isBefore(calleeFirst) ? callerFirst : calleeFirst, mediaStart);
        }
    }

    @Test
    void calls_with_known_packet_counts_including_stun_and_packets_before_the_latch_get_exact_cdr_counters()
            throws Exception {
        for (int call = 0; call < 4; call++) {
            String callId = "counts-" + call + "@e2e";
            int rtpFromCaller = 7 + call;
            int rtpFromCallee = 11 + 2 * call;
            int checks = 2 + call;
            try (UdpPeer caller = new UdpPeer(); UdpPeer callee = new UdpPeer()) {
                String offer = ng.sdp(ng.request("offer", "call-id", callId, "from-tag", "alice",
                        "sdp", Calls.iceSdpFrom("alice", caller)));
                String answer = ng.sdp(ng.request("answer", "call-id", callId, "from-tag", "alice", "to-tag", "bob",
                        "sdp", Calls.iceSdpFrom("bob", callee)));
                InetSocketAddress toCallee = Calls.rtpTarget(offer);
                InetSocketAddress toCaller = Calls.rtpTarget(answer);
                // ICE checks first (each answered), then RTP; the first RTP packets cross before the latch is confirmed.
                for (int i = 0; i < checks; i++) {
                    byte[] request = StunMessages.bindingRequest(StunMessages.transaction(call * 100 + i), false);
                    caller.send(request, toCaller);
                    callee.receive().orElseThrow(() -> new AssertionError("check lost"));
                    callee.send(StunMessages.bindingSuccess(StunMessages.transaction(call * 100 + i)), toCallee);
                    caller.receive().orElseThrow(() -> new AssertionError("response lost"));
                }
                for (int seq = 1; seq <= Math.max(rtpFromCaller, rtpFromCallee); seq++) {
                    if (seq <= rtpFromCaller) {
                        caller.send(UdpPeer.rtp(seq, 0xC1), toCaller);
                        callee.receive().orElseThrow(() -> new AssertionError("RTP lost at callee"));
                    }
                    if (seq <= rtpFromCallee) {
                        callee.send(UdpPeer.rtp(seq, 0xC2), toCallee);
                        caller.receive().orElseThrow(() -> new AssertionError("RTP lost at caller"));
                    }
                }
            }
            assertEquals("ok", Ng.text(ng.request("delete", "call-id", callId, "from-tag", "alice"), "result"));
            JsonObject stream = cdrOf(callId).getJsonArray("streams").getJsonObject(0);
            JsonObject fromCaller = stream.getJsonObject("caller");
            JsonObject fromCallee = stream.getJsonObject("callee");
            int requestBytes = StunMessages.bindingRequest(StunMessages.transaction(0), false).length;
            int responseBytes = StunMessages.bindingSuccess(StunMessages.transaction(0)).length;
            assertEquals(flow(rtpFromCaller, rtpFromCaller * 172L), fromCaller.getJsonObject("rtp"), callId);
            assertEquals(flow(rtpFromCallee, rtpFromCallee * 172L), fromCallee.getJsonObject("rtp"), callId);
            assertEquals(flow(checks, (long) checks * requestBytes), fromCaller.getJsonObject("stun"), callId);
            assertEquals(flow(checks, (long) checks * responseBytes), fromCallee.getJsonObject("stun"), callId);
            assertEquals("relayed", stream.getString("path"));
            assertEquals(0L, fromCaller.getLong("dropped") + fromCallee.getLong("dropped"));
        }
    }

    private static JsonObject flow(long packets, long bytes) {
        return new JsonObject().put("packets", packets).put("bytes", bytes);
    }

    @Test
    void metrics_count_what_a_call_relayed_the_control_requests_and_the_cdr() throws Exception {
        Map<String, Double> before = metrics();
        try (UdpPeer callerRtp = new UdpPeer(); UdpPeer callerRtcp = new UdpPeer();
             UdpPeer calleeRtp = new UdpPeer(); UdpPeer calleeRtcp = new UdpPeer()) {
            String offer = ng.sdp(ng.request("offer", "call-id", "metrics-1", "from-tag", "alice",
                    "sdp", Calls.blinkOfferFrom(callerRtp, callerRtcp)));
            String answer = ng.sdp(ng.request("answer", "call-id", "metrics-1", "from-tag", "alice", "to-tag", "bob",
                    "sdp", Calls.answerFrom(calleeRtp, calleeRtcp)));
            for (int seq = 0; seq < 20; seq++) {
                callerRtp.send(UdpPeer.rtp(seq, 0xA1), Calls.rtpTarget(answer));
                calleeRtp.receive().orElseThrow(() -> new AssertionError("lost at callee"));
            }
            for (int seq = 0; seq < 7; seq++) {
                calleeRtp.send(UdpPeer.rtp(seq, 0xB2), Calls.rtpTarget(offer));
                callerRtp.receive().orElseThrow(() -> new AssertionError("lost at caller"));
            }
            // With the kernel path (root, media.kernel=auto) the callee's packets after its first one go through the
            // kernel, whose counters the node reads every half second: the live figures catch up within that.
            Map<String, Double> open = await().atMost(Duration.ofSeconds(10)).until(this::metrics, m -> delta(before, m,
                    "mediarelay_packets_relayed_total{direction=\"callee-to-caller\",kind=\"rtp\"}") >= 7.0);
            assertEquals(1.0, open.get("mediarelay_sessions") - before.get("mediarelay_sessions"));
            // The tests run as root with nftables (.ci/run): the node's kernel path is on, and has the stream.
            assertEquals(1.0, open.get("mediarelay_kernel_path"));
            assertEquals(1.0, delta(before, open, "mediarelay_streams_by_path{path=\"kernel\"}"));
            assertEquals(1.0, delta(before, open, "mediarelay_kernel_route_changes_total{change=\"install\"}"));
            assertEquals(4.0, open.get("mediarelay_ports{state=\"used\"}") - before.get("mediarelay_ports{state=\"used\"}"),
                    "two pairs: one facing each party");
            assertEquals(20.0, delta(before, open, "mediarelay_packets_relayed_total{direction=\"caller-to-callee\",kind=\"rtp\"}"));
            assertEquals(20.0 * 172, delta(before, open, "mediarelay_bytes_relayed_total{direction=\"caller-to-callee\",kind=\"rtp\"}"));
            assertEquals(7.0, delta(before, open, "mediarelay_packets_relayed_total{direction=\"callee-to-caller\",kind=\"rtp\"}"));
            assertEquals(1.0, delta(before, open,
                    "mediarelay_control_requests_total{protocol=\"ng-udp\",command=\"offer\",result=\"ok\"}"));
            assertTrue(open.get("mediarelay_control_request_duration_seconds_count{protocol=\"ng-udp\",command=\"answer\"}") >= 1);

            assertEquals("ok", Ng.text(ng.request("delete", "call-id", "metrics-1", "from-tag", "alice"), "result"));
            Map<String, Double> after = metrics();
            assertEquals(1.0, delta(before, after, "mediarelay_cdrs_written_total"));
            assertEquals(1.0, delta(before, after, "mediarelay_kernel_route_changes_total{change=\"remove\"}"));
            assertEquals(0.0, delta(before, after, "mediarelay_streams_by_path{path=\"kernel\"}"));
            assertEquals(1.0, delta(before, after, "mediarelay_calls_ended_total{reason=\"regular\"}"));
            assertEquals(20.0, delta(before, after, "mediarelay_packets_relayed_total{direction=\"caller-to-callee\",kind=\"rtp\"}"),
                    "a released call's packets stay counted");
            assertEquals(before.get("mediarelay_ports{state=\"used\"}"), after.get("mediarelay_ports{state=\"used\"}"));
            // RTP both ways, none lost: one quality observation per direction, both in the no-loss bucket.
            assertEquals(2.0, delta(before, after, "mediarelay_call_mos_count"));
            assertEquals(2.0, delta(before, after, "mediarelay_call_packet_loss_ratio_bucket{le=\"0.0\"}"));
            assertEquals(2.0, delta(before, after, "mediarelay_call_jitter_seconds_count"));
        }
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        assertTrue(after.containsKey(series), series + " missing");
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    private Map<String, Double> metrics() throws Exception {
        return Scrape.metrics(relay.httpPort());
    }

    @Test
    void every_metric_the_grafana_dashboard_queries_is_on_the_metrics_page() throws Exception {
        Path dashboard = Path.of(System.getProperty("mediarelay.root")).resolve("docs/grafana/mediarelay.json");
        java.util.Set<String> queried = new java.util.TreeSet<>();
        for (Object panel : new JsonObject(Files.readString(dashboard)).getJsonArray("panels")) {
            for (Object target : ((JsonObject) panel).getJsonArray("targets")) {
                java.util.regex.Matcher m = java.util.regex.Pattern
                        .compile("\\b((?:mediarelay|jvm|process)_[a-z_]+)\\b")
                        .matcher(((JsonObject) target).getString("expr"));
                while (m.find()) {
                    queried.add(m.group(1).replaceFirst("_bucket$", ""));
                }
            }
        }
        assertTrue(queried.size() >= 15, "the dashboard queries " + queried);
        String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + relay.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        List<String> missing = queried.stream().filter(name -> !page.contains("\n# TYPE " + name + " ")
                && !page.startsWith("# TYPE " + name + " ")).toList();
        assertEquals(List.of(), missing, "queried by docs/grafana/mediarelay.json, not on /metrics");
        Map<String, Double> now = metrics();
        assertTrue(now.get("process_resident_memory_bytes") > 10_000_000, "the relay's resident memory");
        assertTrue(now.get("jvm_memory_bytes_used{area=\"heap\"}") > 0);
        assertTrue(now.get("process_open_fds") > 10 && now.get("process_open_fds") < now.get("process_max_fds"));
    }

    /** The one CDR line of this call in today's file. */
    private JsonObject cdrOf(String callId) throws Exception {
        Path file = work.resolve("data/cdr/cdr-" + LocalDate.now(ZoneOffset.UTC) + ".jsonl");
        List<JsonObject> mine = Files.readAllLines(file).stream().map(JsonObject::new)
                .filter(j -> j.getString("call_id").equals(callId)).toList();
        assertEquals(1, mine.size(), "exactly one CDR for " + callId);
        return mine.get(0);
    }
}
