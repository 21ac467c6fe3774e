package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real proxies against the real process: Kamailio (Debian {@code kamailio}, its {@code rtpengine} module) routes calls
 * from a SIPp caller to a SIPp callee (Debian {@code sip-tester}) with {@code rtpengine_offer/answer/delete} pointed at
 * mediarelay's ng socket, and both SIPps play the RTP pcap that sip-tester ships once the call is up. Everything
 * runs in a network namespace this test creates, with its own loopback: caller 127.0.0.10, callee 127.0.0.20,
 * Kamailio 127.0.0.1:5060, mediarelay's media 127.0.0.2.
 *
 * <p>Each SIPp checks that the SDP it receives names the relay (a call whose SDP does not fails); the CDRs then show
 * RTP relayed both ways, latched to the two SIPps, nothing dropped.
 */
class KamailioSippTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));
    private static final String RELAY = "127.0.0.2";
    private static final String CALLER = "127.0.0.10";
    private static final String CALLEE = "127.0.0.20";
    private static final int CALLS = 4;
    /** sip-tester's G.711 a-law pcap: 236 RTP packets over 7 s. */
    private static final Path PCAP = Path.of("/usr/share/sip-tester/g711a.pcap");

    @TempDir
    Path work;

    @Test
    void kamailio_relays_every_call_through_mediarelay_and_rtp_flows_both_ways() throws Exception {
        for (String tool : List.of("kamailio", "sipp", "ip", "ss")) {
            assertTrue(onPath(tool), tool + " is missing: .ci/run installs kamailio and sip-tester with apt-get");
        }
        assertTrue(Files.isReadable(PCAP), PCAP + " is missing (package sip-tester)");
        try (NetNamespace ns = NetNamespace.create("mr-kam")) {
            List<Process> started = new ArrayList<>();
            try (RelayProcess relay = RelayProcess.start(ns.prefix(), ROOT, THIS_JDK, work, List.of(
                    "--ng.listen=127.0.0.1:2223", "--http.listen=127.0.0.1:8080", "--media.interface=" + RELAY,
                    "--media.ports=30000-30199", "--data.dir=" + work.resolve("data"),
                    "--cluster.name=kamailio-" + UUID.randomUUID()))) {
                relay.awaitReady();
                Process kamailio = start(ns, "kamailio", List.of("kamailio", "-DD", "-E", "-f",
                        render("kamailio.cfg", Map.of("@NG@", "127.0.0.1:2223", "@LISTEN@", "127.0.0.1:5060",
                                "@CALLEE@", CALLEE + ":5080")).toString(), "-Y", work.toString()));
                started.add(kamailio);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .failFast(() -> assertTrue(kamailio.isAlive(), () -> "kamailio exited: " + log("kamailio")))
                        .until(() -> ns.udpBound("127.0.0.1", 5060));

                Map<String, String> media = Map.of("@RELAY@", RELAY.replace(".", "\\."), "@PCAP@", PCAP.toString(),
                        "@HOLD_MS@", "9000");
                Process callee = start(ns, "sipp-callee", List.of("sipp", "-sf", render("uas.xml", media).toString(),
                        "-i", CALLEE, "-p", "5080", "-mi", CALLEE, "-mp", "40000", "-m", String.valueOf(CALLS),
                        "-timeout", "120s", "-timeout_error", "-trace_err", "-nostdin"));
                started.add(callee);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .failFast(() -> assertTrue(callee.isAlive(), () -> "the callee SIPp exited: " + log("sipp-callee")))
                        .until(() -> ns.udpBound(CALLEE, 5080));
                Process caller = start(ns, "sipp-caller", List.of("sipp", "-sf", render("uac.xml", media).toString(),
                        "127.0.0.1:5060", "-i", CALLER, "-p", "5070", "-mi", CALLER, "-mp", "41000",
                        "-m", String.valueOf(CALLS), "-l", "2", "-r", "2", "-timeout", "120s", "-timeout_error",
                        "-trace_err", "-nostdin"));
                started.add(caller);

                assertTrue(caller.waitFor(150, TimeUnit.SECONDS), "the caller SIPp did not finish");
                String callerErrors = errors("uac");
                assertEquals(0, caller.exitValue(), () -> "every call succeeds with its SDP pointing at the relay: "
                        + log("sipp-caller") + callerErrors);
                assertTrue(callee.waitFor(30, TimeUnit.SECONDS), "the callee SIPp did not finish");
                String calleeErrors = errors("uas");
                assertEquals(0, callee.exitValue(), () -> "the callee saw the relay in every offer: "
                        + log("sipp-callee") + calleeErrors);

                List<JsonObject> cdrs = await().atMost(Duration.ofSeconds(10)).until(this::cdrs, c -> c.size() == CALLS);
                for (JsonObject cdr : cdrs) {
                    assertEquals("regular", cdr.getString("reason"), cdr.encode());
                    JsonObject stream = cdr.getJsonArray("streams").getJsonObject(0);
                    assertEquals("relayed", stream.getString("path"), cdr.encode());
                    JsonObject from = stream.getJsonObject("caller");
                    JsonObject to = stream.getJsonObject("callee");
                    assertTrue(from.getString("latched_rtp").startsWith(CALLER + ":"), cdr.encode());
                    assertTrue(to.getString("latched_rtp").startsWith(CALLEE + ":"), cdr.encode());
                    // The pcap is 8 s at 50 packets/s; a few may fall before the other side's answer reaches SIPp.
                    assertTrue(from.getJsonObject("rtp").getLong("packets") >= 200, "caller to callee: " + cdr.encode());
                    assertTrue(to.getJsonObject("rtp").getLong("packets") >= 200, "callee to caller: " + cdr.encode());
                    assertEquals(0L, from.getLong("dropped") + to.getLong("dropped"), cdr.encode());
                }
            } finally {
                for (Process p : started) {
                    p.destroy();
                    if (!p.waitFor(10, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            }
        }
    }

    private List<JsonObject> cdrs() throws IOException {
        Path dir = work.resolve("data/cdr");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<JsonObject> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).toList()) {
                Files.readAllLines(f).stream().filter(l -> !l.isBlank()).map(JsonObject::new).forEach(out::add);
            }
        }
        return out;
    }

    /** A resource with its placeholders filled in, written to the work directory. */
    private Path render(String resource, Map<String, String> values) throws IOException {
        String text;
        try (InputStream in = KamailioSippTest.class.getResourceAsStream("/kamailio/" + resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        Path out = work.resolve(resource);
        Files.writeString(out, text, StandardCharsets.ISO_8859_1);
        return out;
    }

    private Process start(NetNamespace ns, String name, List<String> command) throws IOException {
        Path out = work.resolve(name + ".log");
        return new ProcessBuilder(ns.exec(command)).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }

    private String log(String name) {
        try {
            Path p = work.resolve(name + ".log");
            return Files.exists(p) ? tail(Files.readString(p, StandardCharsets.ISO_8859_1)) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** SIPp's error trace (-trace_err writes {@code <scenario>_<pid>_errors.log} in the working directory). */
    private String errors(String scenario) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.list(work)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(scenario + "_")
                    && p.getFileName().toString().endsWith("_errors.log")).toList()) {
                b.append('\n').append(tail(Files.readString(f, StandardCharsets.ISO_8859_1)));
            }
        }
        return b.toString();
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin:/usr/sbin:/sbin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }
}
