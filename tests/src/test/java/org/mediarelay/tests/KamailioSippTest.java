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
        Map<String, String> media = Map.of("@RELAY@", RELAY.replace(".", "\\."), "@PCAP@", PCAP.toString(),
                "@HOLD_MS@", "9000");
        withKamailio(List.of(), (ns, relay) -> {
            int[] codes = calls(ns, render("uac.xml", media), render("uas.xml", media), CALLS);
            assertEquals(0, codes[0], "every call succeeds with its SDP pointing at the relay: "
                    + log("sipp-caller") + errors("uac"));
            assertEquals(0, codes[1], "the callee saw the relay in every offer: " + log("sipp-callee")
                    + errors("uas"));
            List<JsonObject> cdrs = await().atMost(Duration.ofSeconds(10)).until(this::cdrs, c -> c.size() == CALLS);
            for (JsonObject cdr : cdrs) {
                assertEquals("regular", cdr.getString("reason"), cdr.encode());
                JsonObject stream = cdr.getJsonArray("streams").getJsonObject(0);
                assertEquals("relayed", stream.getString("path"), cdr.encode());
                JsonObject from = stream.getJsonObject("caller");
                JsonObject to = stream.getJsonObject("callee");
                assertTrue(from.getString("latched_rtp").startsWith(CALLER + ":"), cdr.encode());
                assertTrue(to.getString("latched_rtp").startsWith(CALLEE + ":"), cdr.encode());
                // The pcap is 236 packets; a few may fall before the other side's answer reaches SIPp.
                assertTrue(from.getJsonObject("rtp").getLong("packets") >= 200, "caller to callee: " + cdr.encode());
                assertTrue(to.getJsonObject("rtp").getLong("packets") >= 200, "callee to caller: " + cdr.encode());
                assertEquals(0L, from.getLong("dropped") + to.getLong("dropped"), cdr.encode());
            }
        });
    }

    @Test
    void when_a_calls_media_times_out_kamailio_is_asked_to_end_the_dialog_and_both_sides_get_a_bye() throws Exception {
        withKamailio(List.of("--media.timeout.no-media=4s", "--dialog.end=kamailio:http://127.0.0.1:5071/RPC"),
                (ns, relay) -> {
            int[] codes = calls(ns, render("uac-quiet.xml", Map.of()), render("uas-quiet.xml", Map.of()), 2);
            assertEquals(0, codes[0], "the caller got a BYE from the proxy: " + log("sipp-caller") + errors("uac"));
            assertEquals(0, codes[1], "the callee got a BYE from the proxy: " + log("sipp-callee") + errors("uas"));
            List<JsonObject> cdrs = await().atMost(Duration.ofSeconds(10)).until(this::cdrs, c -> c.size() == 2);
            for (JsonObject cdr : cdrs) {
                assertEquals("timeout", cdr.getString("reason"), cdr.encode());
                assertEquals("ended", cdr.getString("dialog_end"), cdr.encode());
                assertTrue(relay.stderrText().contains("Kamailio http://127.0.0.1:5071/RPC ends the dialog of "
                        + cdr.getString("call_id")), "mediarelay asked Kamailio for this call");
            }
        });
    }

    @Test
    void when_a_drain_deadline_ends_calls_kamailio_is_asked_to_end_their_dialogs_and_both_sides_get_a_bye()
            throws Exception {
        withKamailio(List.of("--media.timeout.no-media=120s", "--dialog.end=kamailio:http://127.0.0.1:5071/RPC"),
                (ns, relay) -> {
            java.util.regex.Matcher node = java.util.regex.Pattern.compile(" node (\\S+)").matcher(relay.awaitReady());
            assertTrue(node.find(), relay.awaitReady());
            java.util.concurrent.CompletableFuture<int[]> sipp = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return calls(ns, render("uac-quiet.xml", Map.of()), render("uas-quiet.xml", Map.of()), 2);
                        } catch (Exception e) {
                            throw new java.util.concurrent.CompletionException(e);
                        }
                    });
            // Both calls up (the operator's view), then the node is drained with a deadline that passes at once.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .failFast(() -> assertTrue(!sipp.isDone(), () -> "SIPp ended early: " + log("sipp-caller")))
                    .until(() -> new JsonObject(cli(ns, "sessions", "--json")).getInteger("total") == 2);
            cli(ns, "drain", node.group(1), "--deadline=1", "--json");
            int[] codes = sipp.get(150, TimeUnit.SECONDS);
            assertEquals(0, codes[0], "the caller got a BYE from the proxy: " + log("sipp-caller") + errors("uac"));
            assertEquals(0, codes[1], "the callee got a BYE from the proxy: " + log("sipp-callee") + errors("uas"));
            List<JsonObject> cdrs = await().atMost(Duration.ofSeconds(30)).until(this::cdrs, c -> c.size() == 2);
            for (JsonObject cdr : cdrs) {
                assertEquals("drained", cdr.getString("reason"), cdr.encode());
                assertEquals("ended", cdr.getString("dialog_end"), cdr.encode());
            }
        });
    }

    /** {@code ./mediarelay VERB ARGS} in the namespace, against the relay's HTTP port there; its output. */
    private String cli(NetNamespace ns, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("mediarelay").toString()));
        command.addAll(List.of(args));
        command.add("--http.listen=127.0.0.1:8080");
        ProcessBuilder pb = new ProcessBuilder(ns.exec(command)).directory(ROOT.toFile());
        pb.environment().put("JAVA_HOME", THIS_JDK.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("MEDIARELAY_"));
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "mediarelay " + String.join(" ", args) + " did not finish");
        assertEquals(0, p.exitValue(), () -> "mediarelay " + String.join(" ", args) + ": " + out);
        return out;
    }

    private interface InNamespace {
        void run(NetNamespace ns, RelayProcess relay) throws Exception;
    }

    /**
     * A network namespace with mediarelay (media on {@value #RELAY}, ng on 127.0.0.1:2223, these extra arguments) and
     * Kamailio (SIP on 127.0.0.1:5060, JSON-RPC on 127.0.0.1:5071) running in it; everything is stopped afterwards.
     */
    private void withKamailio(List<String> relayArgs, InNamespace body) throws Exception {
        for (String tool : List.of("kamailio", "sipp", "ip", "ss")) {
            assertTrue(onPath(tool), tool + " is missing: .ci/run installs kamailio and sip-tester with apt-get");
        }
        assertTrue(Files.isReadable(PCAP), PCAP + " is missing (package sip-tester)");
        List<String> args = new ArrayList<>(List.of("--ng.listen=127.0.0.1:2223", "--http.listen=127.0.0.1:8080",
                "--media.interface=" + RELAY, "--media.ports=30000-30199", "--data.dir=" + work.resolve("data"),
                "--cluster.name=kamailio-" + UUID.randomUUID()));
        args.addAll(relayArgs);
        try (NetNamespace ns = NetNamespace.create("mr-kam");
             RelayProcess relay = RelayProcess.start(ns.prefix(), ROOT, THIS_JDK, work, args)) {
            relay.awaitReady();
            Process kamailio = start(ns, "kamailio", List.of("kamailio", "-DD", "-E", "-f",
                    render("kamailio.cfg", Map.of("@NG@", "127.0.0.1:2223", "@LISTEN@", "127.0.0.1:5060",
                            "@RPC@", "127.0.0.1:5071", "@CALLEE@", CALLEE + ":5080")).toString(), "-Y", work.toString()));
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .failFast(() -> assertTrue(kamailio.isAlive(), () -> "kamailio exited: " + log("kamailio")))
                        .until(() -> ns.udpBound("127.0.0.1", 5060));
                body.run(ns, relay);
            } finally {
                kamailio.destroy();
                if (!kamailio.waitFor(10, TimeUnit.SECONDS)) {
                    kamailio.destroyForcibly();
                }
            }
        }
    }

    /** {@code calls} calls from the SIPp caller to the SIPp callee through Kamailio; their exit codes. */
    private int[] calls(NetNamespace ns, Path uac, Path uas, int calls) throws Exception {
        Process callee = start(ns, "sipp-callee", List.of("sipp", "-sf", uas.toString(), "-i", CALLEE, "-p", "5080",
                "-mi", CALLEE, "-mp", "40000", "-m", String.valueOf(calls), "-timeout", "120s", "-timeout_error",
                "-trace_err", "-nostdin"));
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .failFast(() -> assertTrue(callee.isAlive(), () -> "the callee SIPp exited: " + log("sipp-callee")))
                    .until(() -> ns.udpBound(CALLEE, 5080));
            Process caller = start(ns, "sipp-caller", List.of("sipp", "-sf", uac.toString(), "127.0.0.1:5060",
                    "-i", CALLER, "-p", "5070", "-mi", CALLER, "-mp", "41000", "-m", String.valueOf(calls),
                    "-l", "2", "-r", "2", "-timeout", "120s", "-timeout_error", "-trace_err", "-nostdin"));
            try {
                assertTrue(caller.waitFor(150, TimeUnit.SECONDS), "the caller SIPp did not finish");
                assertTrue(callee.waitFor(30, TimeUnit.SECONDS), () -> "the callee SIPp did not finish: "
                        + log("sipp-callee") + "\nkamailio: " + log("kamailio") + "\ncaller: " + log("sipp-caller")
                        + "\nrelay: " + relayLog());
                return new int[] {caller.exitValue(), callee.exitValue()};
            } finally {
                caller.destroyForcibly();
            }
        } finally {
            callee.destroyForcibly();
        }
    }

    private List<JsonObject> cdrs() throws IOException {
        return CdrFiles.read(work.resolve("data"));
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

    /** mediarelay's stderr in the work directory (RelayProcess writes relay-*.err there). */
    private String relayLog() {
        try (Stream<Path> files = Files.list(work)) {
            StringBuilder b = new StringBuilder();
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("relay-")).toList()) {
                b.append(tail(Files.readString(f, StandardCharsets.ISO_8859_1)));
            }
            return b.toString();
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
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
