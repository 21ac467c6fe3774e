package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.testing.UdpPeer;

/**
 * Separate processes of the real launcher on one Hazelcast cluster: a dispatcher ({@code --role=dispatcher}) and two
 * relay nodes ({@code --role=relay}). The relays report themselves; the dispatcher spreads new calls over both and
 * media flows through whichever node carries the call.
 */
class ClusterTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));
    private static final int CALLS = 50;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_dispatcher_spreads_calls_over_two_relay_processes_and_media_flows_through_each() throws Exception {
        String cluster = "cluster-" + UUID.randomUUID();
        try (RelayProcess relayA = relay("relay-a", cluster); RelayProcess relayB = relay("relay-b", cluster);
             RelayProcess dispatcher = dispatcher("dispatcher", cluster)) {
            int httpPort = awaitBothRelaysListed(relayA, relayB, dispatcher);

            Map<String, Integer> perNode = new HashMap<>();
            try (Ng ng = new Ng(new InetSocketAddress(InetAddress.getLoopbackAddress(), dispatcher.ngPort()))) {
                for (int i = 0; i < CALLS; i++) {
                    relayOneCall(ng, "cl-" + i);
                }
                for (Object o : get(httpPort, "/v1/calls").getJsonArray("calls")) {
                    perNode.merge(((JsonObject) o).getString("node"), 1, Integer::sum);
                }
                // The relays' own reports (each second) add up to the calls' streams.
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> get(httpPort,
                        "/v1/nodes").getJsonArray("nodes").stream().mapToInt(n -> ((JsonObject) n).getInteger("streams"))
                        .sum() == CALLS);
                // MediaProxy's management commands on the dispatcher (CDRTool's media sessions page): both relays
                // with their own figures, and every call with what its relay counts, though the dispatcher has none.
                Path mp = work.resolve("dispatcher/dispatcher.sock");
                JsonArray relays = new JsonArray(mediaProxy(mp, "summary"));
                assertEquals(2, relays.size(), relays.encode());
                assertEquals(CALLS, relays.stream().mapToInt(r -> ((JsonObject) r).getInteger("session_count"))
                        .sum(), relays.encode());
                assertEquals(CALLS, relays.stream().mapToInt(r -> ((JsonObject) r).getJsonObject("stream_count")
                        .getInteger("audio", 0)).sum(), relays.encode());
                JsonArray sessions = new JsonArray(mediaProxy(mp, "sessions"));
                assertEquals(CALLS, sessions.size());
                for (Object o : sessions) {
                    JsonObject stream = ((JsonObject) o).getJsonArray("streams").getJsonObject(0);
                    assertEquals(5L, stream.getLong("caller_packets"), o.toString());
                    assertEquals(5L, stream.getLong("callee_packets"), o.toString());
                }
                // A proxy may name the relay for a call (MediaProxy's media_relay, ng "relay"): the busier one (on a
                // tie relay-b), which placement alone would not pick.
                String busier = perNode.getOrDefault("relay-b", 0) >= perNode.getOrDefault("relay-a", 0)
                        ? "relay-b" : "relay-a";
                try (UdpPeer rtp = new UdpPeer(); UdpPeer rtcp = new UdpPeer()) {
                    ng.sdp(ng.request("offer", "call-id", "preferred", "from-tag", "alice", "relay", busier,
                            "sdp", Calls.blinkOfferFrom(rtp, rtcp)));
                }
                assertEquals(busier, get(httpPort, "/v1/calls/preferred").getString("node"));
                assertEquals("ok", Ng.text(ng.request("delete", "call-id", "preferred", "from-tag", "alice"),
                        "result"));
                for (int i = 0; i < CALLS; i++) {
                    assertEquals("ok", Ng.text(ng.request("delete", "call-id", "cl-" + i, "from-tag", "alice"),
                            "result"));
                }
            }
            // Least loaded first: near even (a report racing an allocation can shift one call either way).
            assertTrue(perNode.getOrDefault("relay-a", 0) >= CALLS / 2 - 2, "spread: " + perNode);
            assertTrue(perNode.getOrDefault("relay-b", 0) >= CALLS / 2 - 2, "spread: " + perNode);
            List<JsonObject> cdrs = Scrape.cdrs(work.resolve("dispatcher/cdr"));
            cdrs.removeIf(cdr -> cdr.getString("call_id").equals("preferred"));
            assertEquals(CALLS, cdrs.size());
            for (JsonObject cdr : cdrs) {
                JsonObject stream = cdr.getJsonArray("streams").getJsonObject(0);
                assertEquals(5L, stream.getJsonObject("caller").getJsonObject("rtp").getLong("packets"), cdr.encode());
                assertEquals(5L, stream.getJsonObject("callee").getJsonObject("rtp").getLong("packets"), cdr.encode());
            }
            assertEquals(143, dispatcher.terminate());
            assertEquals(143, relayA.terminate());
            assertEquals(143, relayB.terminate());
        }
    }

    @Test
    void when_a_relay_process_dies_its_calls_end_relay_lost_and_the_other_relays_calls_and_new_calls_go_on()
            throws Exception {
        String cluster = "cluster-" + UUID.randomUUID();
        try (RelayProcess relayA = relay("relay-a", cluster); RelayProcess relayB = relay("relay-b", cluster);
             RelayProcess dispatcher = dispatcher("dispatcher", cluster);
             Ng ng = new Ng(new InetSocketAddress(InetAddress.getLoopbackAddress(), dispatcher.ngPort()))) {
            int httpPort = awaitBothRelaysListed(relayA, relayB, dispatcher);
            for (int i = 0; i < 4; i++) {
                relayOneCall(ng, "lost-" + i);
            }
            Instant relayed = Instant.now();
            // A call whose endpoints stay up across the loss of the other relay.
            UdpPeer keptCaller = new UdpPeer();
            UdpPeer keptCallerRtcp = new UdpPeer();
            UdpPeer keptCallee = new UdpPeer();
            UdpPeer keptCalleeRtcp = new UdpPeer();
            String keptOffer = ng.sdp(ng.request("offer", "call-id", "kept", "from-tag", "alice",
                    "sdp", Calls.blinkOfferFrom(keptCaller, keptCallerRtcp)));
            String keptAnswer = ng.sdp(ng.request("answer", "call-id", "kept", "from-tag", "alice", "to-tag", "bob",
                    "sdp", Calls.answerFrom(keptCallee, keptCalleeRtcp)));
            String survivor = get(httpPort, "/v1/calls/kept").getString("node");
            String victim = survivor.equals("relay-a") ? "relay-b" : "relay-a";
            // Every call's counters reached the dispatcher in an interim report before the loss: one received after
            // the packets were relayed (a report taken while they were still flowing has fewer).
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> get(httpPort,
                    "/v1/calls").getJsonArray("calls").stream().allMatch(c -> ((JsonObject) c).containsKey("last_interim")
                    && Instant.parse(((JsonObject) c).getString("last_interim")).isAfter(relayed)));
            List<String> onVictim = new ArrayList<>();
            for (Object o : get(httpPort, "/v1/calls").getJsonArray("calls")) {
                JsonObject c = (JsonObject) o;
                if (c.getString("node").equals(victim)) {
                    onVictim.add(c.getString("call_id"));
                }
            }
            assertTrue(!onVictim.isEmpty(), "calls on both relays");

            (victim.equals("relay-a") ? relayA : relayB).kill();
            long killed = System.nanoTime();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Scrape.cdrs(work.resolve("dispatcher/cdr")).size() == onVictim.size());
            assertTrue(System.nanoTime() - killed < Duration.ofSeconds(15).toNanos());
            // A call is forgotten only once its CDR is on disk: the list drops it a moment after the file has it.
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> get(httpPort,
                    "/v1/calls").getJsonArray("calls").stream().noneMatch(c -> ((JsonObject) c).getString("node")
                    .equals(victim)));
            for (JsonObject cdr : Scrape.cdrs(work.resolve("dispatcher/cdr"))) {
                assertTrue(onVictim.contains(cdr.getString("call_id")), cdr.encode());
                assertEquals("relay-lost", cdr.getString("reason"));
                assertEquals(5L, cdr.getJsonArray("streams").getJsonObject(0).getJsonObject("caller")
                        .getJsonObject("rtp").getLong("packets"), "counters of the last interim report");
            }
            for (int seq = 0; seq < 20; seq++) {
                keptCaller.send(UdpPeer.rtp(seq, 0xC1), Calls.rtpTarget(keptAnswer));
                keptCallee.send(UdpPeer.rtp(seq, 0xD2), Calls.rtpTarget(keptOffer));
                assertEquals(seq, UdpPeer.sequenceOf(keptCallee.receive().orElseThrow(
                        () -> new AssertionError("the surviving relay's call lost a packet")).payload()));
                assertEquals(seq, UdpPeer.sequenceOf(keptCaller.receive().orElseThrow(
                        () -> new AssertionError("the surviving relay's call lost a packet")).payload()));
            }
            for (UdpPeer p : List.of(keptCaller, keptCallerRtcp, keptCallee, keptCalleeRtcp)) {
                p.close();
            }
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> nodeIds(httpPort), ids -> ids.equals(List.of(survivor)));
            relayOneCall(ng, "after-loss");
            for (Object o : get(httpPort, "/v1/calls").getJsonArray("calls")) {
                assertEquals(survivor, ((JsonObject) o).getString("node"), "survivors carry on, new calls too");
            }
            assertEquals(143, dispatcher.terminate());
            assertEquals(143, (victim.equals("relay-a") ? relayB : relayA).terminate());
        }
    }

    @Test
    void a_relay_drained_with_the_cli_takes_no_new_calls_and_exits_once_a_deadline_ended_its_last_call() throws Exception {
        String cluster = "cluster-" + UUID.randomUUID();
        try (RelayProcess relayA = relay("relay-a", cluster); RelayProcess relayB = relay("relay-b", cluster);
             RelayProcess dispatcher = dispatcher("dispatcher", cluster);
             Ng ng = new Ng(new InetSocketAddress(InetAddress.getLoopbackAddress(), dispatcher.ngPort()))) {
            int httpPort = awaitBothRelaysListed(relayA, relayB, dispatcher);
            relayOneCall(ng, "before-0");
            relayOneCall(ng, "before-1");
            String onA = null;
            for (Object o : get(httpPort, "/v1/calls").getJsonArray("calls")) {
                if (((JsonObject) o).getString("node").equals("relay-a")) {
                    onA = ((JsonObject) o).getString("call_id");
                }
            }
            assertTrue(onA != null, "one of the first calls is on relay-a");

            Cli drain = cli("drain", "relay-a", "--http.listen=127.0.0.1:" + httpPort);
            assertEquals(0, drain.code(), drain.output());
            assertTrue(drain.output().startsWith("relay-a: draining"), drain.output());
            Cli table = cli("status", "--http.listen=127.0.0.1:" + httpPort);
            assertTrue(table.output().lines().anyMatch(l -> l.startsWith("relay-a") && l.contains(" draining ")),
                    table.output());
            Cli status = cli("status", "--json", "--http.listen=127.0.0.1:" + httpPort);
            assertEquals(0, status.code(), status.output());
            JsonObject relayAState = new JsonObject(status.output()).getJsonArray("nodes").getJsonObject(0);
            assertEquals("draining", relayAState.getString("state"), status.output());

            for (int i = 0; i < 3; i++) {
                relayOneCall(ng, "after-" + i);
            }
            for (Object o : get(httpPort, "/v1/calls").getJsonArray("calls")) {
                JsonObject c = (JsonObject) o;
                if (c.getString("call_id").startsWith("after-")) {
                    assertEquals("relay-b", c.getString("node"), "no new call on a draining relay");
                }
            }
            assertTrue(relayA.isAlive(), "a draining relay stays while it carries a call");
            Cli deadline = cli("drain", "relay-a", "--deadline=1", "--http.listen=127.0.0.1:" + httpPort);
            assertEquals(0, deadline.code(), deadline.output());
            assertEquals(0, relayA.waitForExit(), "the drained relay leaves once the deadline emptied it");
            String lastOnA = onA;
            JsonObject cdr = Scrape.cdrs(work.resolve("dispatcher/cdr")).stream()
                    .filter(c -> c.getString("call_id").equals(lastOnA)).findFirst().orElseThrow();
            assertEquals("drained", cdr.getString("reason"));
            assertEquals("relay-a", cdr.getString("node"));
            assertEquals(143, dispatcher.terminate());
            assertEquals(143, relayB.terminate());
        }
    }

    @Test
    void a_second_dispatcher_knows_the_first_ones_calls_and_ends_them_after_it_died() throws Exception {
        String cluster = "cluster-" + UUID.randomUUID();
        try (RelayProcess relay = relay("relay-a", cluster);
             RelayProcess first = dispatcher("d1", cluster); RelayProcess second = dispatcher("d2", cluster);
             Ng ng1 = new Ng(new InetSocketAddress(InetAddress.getLoopbackAddress(), first.ngPort()));
             Ng ng2 = new Ng(new InetSocketAddress(InetAddress.getLoopbackAddress(), second.ngPort()))) {
            relay.awaitReady();
            int http2 = second.httpPort();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> nodeIds(http2), ids -> ids.equals(List.of("relay-a")));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> nodeIds(first.httpPort()), ids -> ids.equals(List.of("relay-a")));
            try (UdpPeer callerRtp = new UdpPeer(); UdpPeer callerRtcp = new UdpPeer();
                 UdpPeer calleeRtp = new UdpPeer(); UdpPeer calleeRtcp = new UdpPeer()) {
                String offer = ng1.sdp(ng1.request("offer", "call-id", "shared-1", "from-tag", "alice",
                        "sdp", Calls.blinkOfferFrom(callerRtp, callerRtcp)));
                // The answer goes to the other dispatcher, once the session reached it.
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> get(http2,
                        "/v1/calls").getJsonArray("calls").size() == 1);
                String answer = ng2.sdp(ng2.request("answer", "call-id", "shared-1", "from-tag", "alice",
                        "to-tag", "bob", "sdp", Calls.answerFrom(calleeRtp, calleeRtcp)));
                callerRtp.send(UdpPeer.rtp(1, 0xA1), Calls.rtpTarget(answer));
                assertEquals(1, UdpPeer.sequenceOf(calleeRtp.receive().orElseThrow().payload()));
                calleeRtp.send(UdpPeer.rtp(2, 0xB2), Calls.rtpTarget(offer));
                assertEquals(2, UdpPeer.sequenceOf(callerRtp.receive().orElseThrow().payload()));

                first.kill();
                assertEquals("ok", Ng.text(ng2.request("delete", "call-id", "shared-1", "from-tag", "alice"),
                        "result"));
            }
            List<JsonObject> cdrs = Scrape.cdrs(work.resolve("d2/cdr"));
            assertEquals(1, cdrs.size(), "the surviving dispatcher wrote the call's CDR");
            assertEquals("regular", cdrs.get(0).getString("reason"));
            assertEquals("bob", cdrs.get(0).getString("to_tag"));
            assertEquals(1L, cdrs.get(0).getJsonArray("streams").getJsonObject(0).getJsonObject("caller")
                    .getJsonObject("rtp").getLong("packets"));
            assertEquals(143, second.terminate());
            assertEquals(143, relay.terminate());
        }
    }

    private RelayProcess dispatcher(String name, String cluster) throws Exception {
        return RelayProcess.start(ROOT, THIS_JDK, work, List.of("--role=dispatcher", "--ng.listen=127.0.0.1:0",
                "--http.listen=127.0.0.1:0", "--mediaproxy.socket=dispatcher.sock", "--data.dir=" + work.resolve(name),
                "--cluster.name=" + cluster));
    }

    /** Both relays up and reporting, as the dispatcher's {@code /v1/nodes} shows; returns its HTTP port. */
    private int awaitBothRelaysListed(RelayProcess relayA, RelayProcess relayB, RelayProcess dispatcher)
            throws Exception {
        relayA.awaitReady();
        relayB.awaitReady();
        int httpPort = dispatcher.httpPort();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> nodeIds(httpPort), ids -> ids.equals(List.of("relay-a", "relay-b")));
        return httpPort;
    }

    private record Cli(int code, String output) {
    }

    /** {@code ./mediarelay COMMAND ...} as an operator types it. */
    private Cli cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("mediarelay").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", THIS_JDK.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("MEDIARELAY_"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the CLI finished");
        return new Cli(p.exitValue(), out);
    }

    /**
     * A relay whose calls outlast the test: its calls send five packets and stop, and on a slow machine the test's
     * steps take longer than the default no-media timeout, which would end them (and empty a draining relay) before
     * the step that needs them.
     */
    private RelayProcess relay(String id, String cluster) throws Exception {
        return RelayProcess.start(ROOT, THIS_JDK, work, List.of("--role=relay", "--node.id=" + id,
                "--http.listen=127.0.0.1:0", "--media.ports=" + TestPorts.block(80),
                "--data.dir=" + work.resolve(id), "--cluster.name=" + cluster, "--media.timeout.no-media=10m"));
    }

    /** Offer and answer through the dispatcher, then five RTP packets each way through the relay it chose. */
    private static void relayOneCall(Ng ng, String callId) throws Exception {
        try (UdpPeer callerRtp = new UdpPeer(); UdpPeer callerRtcp = new UdpPeer();
             UdpPeer calleeRtp = new UdpPeer(); UdpPeer calleeRtcp = new UdpPeer()) {
            String offer = ng.sdp(ng.request("offer", "call-id", callId, "from-tag", "alice",
                    "sdp", Calls.blinkOfferFrom(callerRtp, callerRtcp)));
            String answer = ng.sdp(ng.request("answer", "call-id", callId, "from-tag", "alice", "to-tag", "bob",
                    "sdp", Calls.answerFrom(calleeRtp, calleeRtcp)));
            for (int seq = 0; seq < 5; seq++) {
                callerRtp.send(UdpPeer.rtp(seq, 0xA1), Calls.rtpTarget(answer));
                calleeRtp.send(UdpPeer.rtp(seq, 0xB2), Calls.rtpTarget(offer));
                assertEquals(seq, UdpPeer.sequenceOf(calleeRtp.receive().orElseThrow(
                        () -> new AssertionError("lost at the callee of " + callId)).payload()));
                assertEquals(seq, UdpPeer.sequenceOf(callerRtp.receive().orElseThrow(
                        () -> new AssertionError("lost at the caller of " + callId)).payload()));
            }
        }
    }

    /** One command on a MediaProxy dispatcher socket, as CDRTool sends it; the one line of the reply. */
    private static String mediaProxy(Path socket, String command) throws Exception {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ch.write(ByteBuffer.wrap((command + "\r\n").getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(65536);
            while (!line.toString(StandardCharsets.UTF_8).endsWith("\r\n") && ch.read(buf.clear()) > 0) {
                line.write(buf.array(), 0, buf.position());
            }
            return line.toString(StandardCharsets.UTF_8).strip();
        }
    }

    private List<String> nodeIds(int httpPort) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Object o : get(httpPort, "/v1/nodes").getJsonArray("nodes")) {
            ids.add(((JsonObject) o).getString("id"));
        }
        return ids;
    }

    private JsonObject get(int httpPort, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }
}
