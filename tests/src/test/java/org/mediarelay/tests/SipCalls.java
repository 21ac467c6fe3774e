package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * SIPp calls through a real proxy in a test's network namespace (Debian {@code sip-tester}): a caller on
 * {@value #CALLER} and a callee on {@value #CALLEE}:5080, scenarios from the {@code /sipp/} resources, and the logs
 * a failed assertion shows. Every process writes {@code NAME.log} in the test's work directory.
 */
final class SipCalls {

    static final String CALLER = "127.0.0.10";
    static final String CALLEE = "127.0.0.20";
    /** sip-tester's G.711 a-law pcap: 236 RTP packets over 7 s. */
    static final Path PCAP = Path.of("/usr/share/sip-tester/g711a.pcap");

    private final Path work;
    private final String proxy;
    private final Path root;
    private final Path jdk;

    /**
     * @param proxy the proxy's name, whose log ({@code proxy.log}) goes with a failure
     * @param root  the repository, whose {@code mediarelay} launcher {@link #cli} runs with {@code jdk}
     */
    SipCalls(Path work, String proxy, Path root, Path jdk) {
        this.work = work;
        this.proxy = proxy;
        this.root = root;
        this.jdk = jdk;
    }

    /** {@code calls} calls from the SIPp caller to the SIPp callee through the proxy at {@code via}; exit codes. */
    int[] calls(NetNamespace ns, String via, Path uac, Path uas, int calls) throws Exception {
        Process callee = start(ns, "sipp-callee", List.of("sipp", "-sf", uas.toString(), "-i", CALLEE, "-p", "5080",
                "-mi", CALLEE, "-mp", "40000", "-m", String.valueOf(calls), "-timeout", "120s", "-timeout_error",
                "-trace_err", "-nostdin"));
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .failFast(() -> assertTrue(callee.isAlive(), () -> "the callee SIPp exited: " + log("sipp-callee")))
                    .until(() -> ns.udpBound(CALLEE, 5080));
            Process caller = start(ns, "sipp-caller", List.of("sipp", "-sf", uac.toString(), via,
                    "-i", CALLER, "-p", "5070", "-mi", CALLER, "-mp", "41000", "-m", String.valueOf(calls),
                    "-l", "2", "-r", "2", "-timeout", "120s", "-timeout_error", "-trace_err", "-nostdin"));
            try {
                assertTrue(caller.waitFor(150, TimeUnit.SECONDS), "the caller SIPp did not finish");
                assertTrue(callee.waitFor(30, TimeUnit.SECONDS), () -> "the callee SIPp did not finish: "
                        + log("sipp-callee") + "\n" + proxy + ": " + log(proxy) + "\ncaller: " + log("sipp-caller")
                        + "\nrelay: " + relayLog());
                return new int[] {caller.exitValue(), callee.exitValue()};
            } finally {
                caller.destroyForcibly();
            }
        } finally {
            callee.destroyForcibly();
        }
    }

    /** {@code ./mediarelay VERB ARGS} in the namespace, against the relay's HTTP port 127.0.0.1:8080 there; output. */
    String cli(NetNamespace ns, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("mediarelay").toString()));
        command.addAll(List.of(args));
        command.add("--http.listen=127.0.0.1:8080");
        ProcessBuilder pb = new ProcessBuilder(ns.exec(command)).directory(root.toFile());
        pb.environment().put("JAVA_HOME", jdk.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("MEDIARELAY_"));
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "mediarelay " + String.join(" ", args) + " did not finish");
        assertEquals(0, p.exitValue(), () -> "mediarelay " + String.join(" ", args) + ": " + out);
        return out;
    }

    /** What a failed call says: both SIPps' output and error traces, the proxy's log. */
    String why() throws IOException {
        return "\ncaller: " + log("sipp-caller") + errors("uac") + "\ncallee: " + log("sipp-callee") + errors("uas")
                + "\n" + proxy + ": " + log(proxy);
    }

    /** A resource ({@code /dir/name}) with its placeholders filled in, written to the work directory. */
    Path render(String resource, Map<String, String> values) throws IOException {
        String text;
        try (InputStream in = SipCalls.class.getResourceAsStream(resource)) {
            assertTrue(in != null, resource + " is not a test resource");
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        Path out = work.resolve(Path.of(resource).getFileName());
        Files.writeString(out, text, StandardCharsets.ISO_8859_1);
        return out;
    }

    /** A process in the namespace, its output in {@code name.log}. */
    Process start(NetNamespace ns, String name, List<String> command) throws IOException {
        return new ProcessBuilder(ns.exec(command)).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** mediarelay's stderr in the work directory (RelayProcess writes relay-*.err there). */
    String relayLog() {
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

    String log(String name) {
        try {
            Path p = work.resolve(name + ".log");
            return Files.exists(p) ? tail(Files.readString(p, StandardCharsets.ISO_8859_1)) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** SIPp's error trace (-trace_err writes {@code <scenario>_<pid>_errors.log} in the working directory). */
    String errors(String scenario) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.list(work)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(scenario + "_")
                    && p.getFileName().toString().endsWith("_errors.log")).toList()) {
                b.append('\n').append(tail(Files.readString(f, StandardCharsets.ISO_8859_1)));
            }
        }
        return b.toString();
    }

    /** Stops a proxy process, forcibly if it takes more than ten seconds. */
    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin:/usr/sbin:/sbin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
