package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.testing.UdpPeer;

/**
 * The operator's client verbs as typed in a shell against a running mediarelay: {@code version}, {@code help},
 * {@code status}, {@code sessions} (tables, {@code --json}), {@code drain}, their exit codes, and {@code top} in a
 * real terminal (tmux). How fast they answer is measured in BENCHMARKS.md, not asserted here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));

    @TempDir
    static Path work;
    private RelayProcess relay;
    private String http;
    private String nodeId;

    @BeforeAll
    void start() throws Exception {
        nodeId = "cli-" + Long.toHexString(System.nanoTime());
        relay = RelayProcess.start(ROOT, THIS_JDK, work, List.of("--ng.listen=127.0.0.1:0",
                "--http.listen=127.0.0.1:0", "--media.ports=" + TestPorts.block(16),
                "--data.dir=" + work.resolve("data"), "--node.id=" + nodeId, "--cluster.name=cli-" + UUID.randomUUID()));
        http = "--http.listen=127.0.0.1:" + relay.httpPort();
    }

    @AfterAll
    void stop() throws Exception {
        if (relay != null) {
            relay.terminate();
        }
    }

    private record Run(int code, String out) {
    }

    /** {@code ./mediarelay ARGS}, as an operator types it, from another directory. */
    private static Run cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("mediarelay").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", THIS_JDK.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("MEDIARELAY_"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command finished");
        return new Run(p.exitValue(), out);
    }

    private String call() throws Exception {
        String callId = "cli-call-" + UUID.randomUUID();
        try (Ng ng = new Ng(new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.ngPort()));
             UdpPeer a = new UdpPeer(); UdpPeer b = new UdpPeer()) {
            ng.sdp(ng.request("offer", "call-id", callId, "from-tag", "alice", "sdp", Calls.blinkOfferFrom(a, a),
                    "label", "inbound"));
            ng.sdp(ng.request("answer", "call-id", callId, "from-tag", "alice", "to-tag", "bob",
                    "sdp", Calls.answerFrom(b, b)));
        }
        return callId;
    }

    @Test
    void version_and_help_answer_with_exit_code_0_and_an_unknown_verb_with_2() throws Exception {
        Run version = cli("version");
        assertEquals(0, version.code(), version.out());
        assertTrue(version.out().matches("mediarelay 0\\.1\\.0-SNAPSHOT \\(Java .+\\)\\n"), version.out());
        Run help = cli("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("usage: mediarelay start"), help.out());
        assertTrue(help.out().contains("exit codes: 0 done, 1 failed or refused, 2 bad usage"), help.out());
        Run unknown = cli("stauts");
        assertEquals(2, unknown.code());
        assertTrue(unknown.out().startsWith("mediarelay: unknown command 'stauts'"), unknown.out());
    }

    @Test
    void status_and_sessions_print_tables_and_json_for_scripts() throws Exception {
        String callId = call();
        Run status = cli("status", http);
        assertEquals(0, status.code(), status.out());
        List<String> lines = status.out().lines().toList();
        assertTrue(lines.get(0).startsWith("NODE") && lines.get(0).contains("SESSIONS"), status.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(nodeId + "  active")), status.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\d+ calls? open · .*")), status.out());

        Run sessions = cli("sessions", http);
        assertEquals(0, sessions.code(), sessions.out());
        assertTrue(sessions.out().lines().anyMatch(l -> l.startsWith(callId) && l.contains(" answered ")
                && l.endsWith("caller=inbound")), sessions.out());

        Run json = cli("sessions", "--json", http);
        assertEquals(0, json.code(), json.out());
        assertTrue(new JsonObject(json.out()).getJsonArray("calls").stream()
                .anyMatch(c -> ((JsonObject) c).getString("call_id").equals(callId)), json.out());
        assertEquals(nodeId, new JsonObject(cli("status", "--json", http).out()).getJsonArray("nodes")
                .getJsonObject(0).getString("id"));
    }

    @Test
    void a_refusal_exits_1_bad_usage_2_and_no_dispatcher_3_each_saying_why() throws Exception {
        Run unknownNode = cli("drain", "no-such-node", http);
        assertEquals(1, unknownNode.code(), unknownNode.out());
        assertEquals("mediarelay drain: no relay node 'no-such-node'\n", unknownNode.out());
        Run usage = cli("sessions", "--limit=zero", http);
        assertEquals(2, usage.code(), usage.out());
        assertTrue(usage.out().startsWith("mediarelay sessions: --limit must be a whole number from 1 to 100000"),
                usage.out());
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Run nobody = cli("status", "--http.listen=127.0.0.1:" + closed);
        assertEquals(3, nobody.code(), nobody.out());
        assertTrue(nobody.out().startsWith("mediarelay status: no answer from http://127.0.0.1:" + closed), nobody.out());
    }

    @Test
    void top_in_a_terminal_shows_the_node_and_a_call_as_it_comes() throws Exception {
        String socket = "mr-top-" + UUID.randomUUID();
        String session = "top";
        tmux(socket, "new-session", "-d", "-s", session, "-x", "160", "-y", "40",
                "env JAVA_HOME=" + THIS_JDK + " " + ROOT.resolve("mediarelay") + " top --interval=0.5 " + http);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> screen(socket).contains("mediarelay top ·")
                    && screen(socket).contains(nodeId));
            String callId = call();
            await().atMost(Duration.ofSeconds(30)).until(() -> screen(socket).contains(callId));
            String shown = screen(socket);
            assertTrue(shown.lines().anyMatch(l -> l.startsWith(callId) && l.contains(" answered ")), shown);
            assertEquals(1, shown.split("mediarelay top ·", -1).length - 1, "the screen is redrawn, not appended: "
                    + shown);
        } finally {
            tmux(socket, "kill-server");
        }
    }

    private static String screen(String socket) throws IOException, InterruptedException {
        return tmux(socket, "capture-pane", "-p", "-t", "top");
    }

    private static String tmux(String socket, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
