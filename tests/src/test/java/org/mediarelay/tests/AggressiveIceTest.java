package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real ICE agents (aioice, Debian's {@code python3-aioice}) call each other through a real mediarelay in a network
 * namespace of the test's own; their offer and answer go through the relay over ng, so each sees the other's
 * candidates and the relay's. aioice's controlling agent nominates aggressively: every check it sends carries
 * USE-CANDIDATE, the one through the relay too. The relay must conclude what ICE really did: when the agents end on the
 * direct pair, the stream is given up as {@code ice-direct} (not timed out, nor kept for good); when the direct path is
 * blocked and they use the relay, the stream stays relayed.
 *
 * <p>On one host the direct check answers in microseconds, before aioice even sends the relay's. So that a nomination
 * crosses the relay while ICE still ends on the direct pair, as it does across real networks, the first test starts
 * with the direct path blocked (nftables, in the test's namespace) and the relay's answers to the answering agent
 * held back, and opens the direct path once the controlling agent has sent its check through the relay.
 */
class AggressiveIceTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));
    private static final String RELAY = "10.79.0.1";
    private static final String OFFERER = "10.79.0.2";
    private static final String ANSWERER = "10.79.0.3";
    private static final int NG_PORT = 2223;
    private static final int PACKETS = 100;

    @TempDir
    Path work;
    private NetNamespace ns;
    private RelayProcess relay;
    private NsUdpProcess proxySocket;
    private NsNg proxy;

    @BeforeEach
    void start() throws Exception {
        assertTrue(Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/aioice")),
                "python3-aioice is missing: .ci/run installs it with apt-get");
        ns = NetNamespace.create("mr-ice");
        ns.addresses(List.of(RELAY, OFFERER, ANSWERER));
        relay = RelayProcess.start(ns.prefix(), ROOT, THIS_JDK, work, List.of("--ng.listen=127.0.0.1:" + NG_PORT,
                "--http.listen=127.0.0.1:8080", "--media.interface=" + RELAY, "--media.ports=30000-30099",
                "--data.dir=" + work.resolve("data"), "--cluster.name=ice-" + UUID.randomUUID(),
                // Quicker than the defaults, in the same proportions: checks that stop, and a nomination nothing
                // follows, decide within seconds.
                "--media.ice.media-idle=2s", "--media.ice.checks-quiet=4s", "--media.ice.nominated-quiet=8s"));
        relay.awaitReady();
        proxySocket = NsUdpProcess.start(ns, "127.0.0.1", 0);
        proxy = new NsNg(proxySocket, "127.0.0.1", NG_PORT);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {proxySocket, relay, ns}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void an_aggressive_nomination_through_the_relay_then_a_direct_path_ends_as_ice_direct_not_as_a_timeout()
            throws Exception {
        block("direct", List.of(OFFERER, ANSWERER), List.of(OFFERER, ANSWERER));
        block("relayleg", List.of(RELAY), List.of(ANSWERER));
        Call call = call(12, true);
        assertTrue(call.selected().getBoolean("offerer_checked_relay"),
                "the controlling agent nominated the relay's pair too: " + call.selected());
        assertEquals(OFFERER, host(call.selected().getString("answerer")), "the answerer uses the direct pair");
        assertEquals(ANSWERER, host(call.selected().getString("offerer")), "the offerer uses the direct pair");
        assertEquals(PACKETS, call.media().getInteger("at_answerer"), call.media().encode());
        // The agents stay up (consent checks on the direct pair) longer than media.ice.nominated-quiet.
        JsonObject cdr = ended(call);
        assertEquals("regular", cdr.getString("reason"), cdr.encode());
        assertEquals("ice-direct", cdr.getJsonArray("streams").getJsonObject(0).getString("path"), cdr.encode());
    }

    @Test
    void when_the_direct_path_is_blocked_the_agents_use_the_relay_and_it_keeps_the_stream() throws Exception {
        block("direct", List.of(OFFERER, ANSWERER), List.of(OFFERER, ANSWERER));
        Call call = call(12, false);
        assertTrue(call.selected().getString("offerer").startsWith(RELAY + ":"), call.selected().encode());
        assertTrue(call.selected().getString("answerer").startsWith(RELAY + ":"), call.selected().encode());
        assertEquals(PACKETS, call.media().getInteger("at_answerer"), call.media().encode());
        assertEquals(PACKETS, call.media().getInteger("at_offerer"), call.media().encode());
        // The agents stay up after their media (consent checks only) longer than media.ice.nominated-quiet.
        JsonObject cdr = ended(call);
        JsonObject stream = cdr.getJsonArray("streams").getJsonObject(0);
        assertEquals("relayed", stream.getString("path"), cdr.encode());
        assertTrue(stream.getJsonObject("caller").getJsonObject("rtp").getLong("packets") >= PACKETS, cdr.encode());
    }

    /** What the agents reported, for one call. */
    private record Call(String callId, JsonObject selected, JsonObject media, Process agents) {
    }

    /**
     * Nothing passes from {@code from} to {@code to} (until {@link #unblock}): the rule is a table of its own, named
     * {@code name}. Dropped on input, as a lossy path drops: a drop on output would fail the send at once, and aioice
     * would give the pair up instead of retrying it.
     */
    private void block(String name, List<String> from, List<String> to) throws Exception {
        NetNamespace.run(ns.exec(List.of("nft", "add table inet " + name)));
        NetNamespace.run(ns.exec(List.of("nft", "add chain inet " + name + " in { type filter hook input priority 0 ; }")));
        NetNamespace.run(ns.exec(List.of("nft", "add rule inet " + name + " in ip saddr { " + String.join(", ", from)
                + " } ip daddr { " + String.join(", ", to) + " } drop")));
    }

    private void unblock(String name) throws Exception {
        NetNamespace.run(ns.exec(List.of("nft", "delete table inet " + name)));
    }

    /**
     * Runs the agents through offer and answer, until they have sent their media; they stay up {@code hold} s. With
     * {@code openDirect}, the direct path opens once the controlling agent has sent its check through the relay.
     */
    private Call call(int hold, boolean openDirect) throws Exception {
        String callId = "ice-" + UUID.randomUUID();
        Path script = work.resolve("agents.py");
        try (InputStream in = AggressiveIceTest.class.getResourceAsStream("/ice/agents.py")) {
            Files.copy(in, script);
        }
        // Debian's Python, where python3-aioice is (a python3 earlier on the PATH may be another).
        Process agents = new ProcessBuilder(ns.exec(List.of("/usr/bin/python3", script.toString(), String.valueOf(PACKETS),
                String.valueOf(hold), OFFERER, ANSWERER))).redirectError(work.resolve("agents.err").toFile()).start();
        Lines lines = new Lines(agents.getInputStream());
        PrintStream toAgents = new PrintStream(agents.getOutputStream(), true, StandardCharsets.US_ASCII);
        JsonObject gathered = lines.next(agents);
        JsonObject offerer = gathered.getJsonObject("offerer");
        JsonObject answerer = gathered.getJsonObject("answerer");

        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("command", "offer");
        offer.put("call-id", callId);
        offer.put("from-tag", "offerer");
        offer.put("sdp", sdp(offerer));
        JsonObject forAnswerer = ice(NsNg.sdpOf(proxy.request(offer)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("command", "answer");
        answer.put("call-id", callId);
        answer.put("from-tag", "offerer");
        answer.put("to-tag", "answerer");
        answer.put("sdp", sdp(answerer));
        JsonObject forOfferer = ice(NsNg.sdpOf(proxy.request(answer)));
        toAgents.println(new JsonObject().put("offerer", forOfferer).put("answerer", forAnswerer).encode());

        if (openDirect) {
            lines.event("relay-checked", agents);
            unblock("direct");
        }
        lines.event("connected", agents);
        toAgents.println("go");
        JsonObject selected = lines.event("selected", agents);
        JsonObject media = lines.event("media", agents);
        return new Call(callId, selected, media, agents);
    }

    /** The agents say done, the proxy deletes the call; its CDR. */
    private JsonObject ended(Call call) throws Exception {
        try {
            assertTrue(call.agents().waitFor(60, TimeUnit.SECONDS), "the agents ended");
        } finally {
            call.agents().destroyForcibly();
        }
        Map<String, Object> delete = new LinkedHashMap<>();
        delete.put("command", "delete");
        delete.put("call-id", call.callId());
        delete.put("from-tag", "offerer");
        assertEquals("ok", NsNg.text(proxy.request(delete).get("result")));
        return CdrFiles.of(work.resolve("data"), call.callId());
    }

    /** An agent's offer or answer: one audio stream over its first candidate, muxed, with its ICE lines. */
    private static String sdp(JsonObject agent) {
        String[] first = agent.getJsonArray("candidates").getString(0).split(" ");
        StringBuilder b = new StringBuilder("v=0\r\no=- 1 1 IN IP4 " + first[4] + "\r\ns=-\r\nc=IN IP4 " + first[4]
                + "\r\nt=0 0\r\nm=audio " + first[5] + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=rtcp-mux\r\n"
                + "a=ice-ufrag:" + agent.getString("ufrag") + "\r\na=ice-pwd:" + agent.getString("pwd") + "\r\n");
        for (Object c : agent.getJsonArray("candidates")) {
            b.append("a=candidate:").append(c).append("\r\n");
        }
        return b.toString();
    }

    /** The ICE credentials and candidates of a rewritten SDP, as the agents take them. */
    private static JsonObject ice(String sdp) {
        JsonObject out = new JsonObject().put("candidates", new JsonArray());
        for (String line : sdp.split("\r\n")) {
            if (line.startsWith("a=ice-ufrag:")) {
                out.put("ufrag", line.substring("a=ice-ufrag:".length()));
            } else if (line.startsWith("a=ice-pwd:")) {
                out.put("pwd", line.substring("a=ice-pwd:".length()));
            } else if (line.startsWith("a=candidate:")) {
                out.getJsonArray("candidates").add(line.substring("a=candidate:".length()));
            }
        }
        return out;
    }

    private static String host(String hostPort) {
        return hostPort == null ? null : hostPort.substring(0, hostPort.lastIndexOf(':'));
    }

    /** The agents' JSON lines, read as they come. */
    private final class Lines {
        private final List<JsonObject> lines = Collections.synchronizedList(new ArrayList<>());
        private int taken;

        Lines(InputStream in) {
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(new JsonObject(line));
                    }
                } catch (IOException | RuntimeException e) {
                    lines.add(new JsonObject().put("error", e.toString()));
                }
            }, "ice-agents");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next line that is {@code event} (lines before it are skipped). */
        JsonObject event(String event, Process agents) throws IOException {
            for (JsonObject line = next(agents); ; line = next(agents)) {
                if (event.equals(line.getString("event"))) {
                    return line;
                }
            }
        }

        JsonObject next(Process agents) throws IOException {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .failFast(() -> assertTrue(agents.isAlive() || lines.size() > taken,
                            () -> "the agents exited: " + readErrors()))
                    .until(() -> lines.size() > taken);
            return lines.get(taken++);
        }

        private String readErrors() {
            try {
                return Files.readString(work.resolve("agents.err"));
            } catch (IOException e) {
                return e.toString();
            }
        }
    }
}
