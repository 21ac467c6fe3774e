package org.mediarelay.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.testing.UdpPeer;

/** {@code ./mediarelay start} as operators run it: a child process, its exit codes, its signals, its CDRs. */
class LauncherTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));

    @TempDir
    Path work;

    /** Arguments that keep a test instance off every shared port and cluster. */
    private List<String> isolated(String... more) {
        List<String> args = new ArrayList<>(List.of("--ng.listen=127.0.0.1:0", "--http.listen=127.0.0.1:0",
                "--media.ports=" + TestPorts.block(32), "--data.dir=" + work.resolve("data"),
                "--cluster.name=launcher-" + UUID.randomUUID()));
        args.addAll(List.of(more));
        return args;
    }

    /** The JDK running the tests, and every other JDK 21+ installed under /usr/lib/jvm (Temurin 25 here). */
    static Stream<Path> jdks() throws IOException {
        List<Path> out = new ArrayList<>(List.of(THIS_JDK));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.filter(d -> Files.isRegularFile(d.resolve("release")) && Files.isExecutable(d.resolve("bin/java")))
                        .filter(d -> featureVersion(d) >= 21)
                        .forEach(out::add);
            }
        }
        return out.stream().map(LauncherTest::realPath).distinct();
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    private static int featureVersion(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void starts_answers_ping_and_stops_on_sigterm_with_every_open_call_in_the_cdrs(Path jdk) throws Exception {
        // The launcher's own heap (JAVA_OPTS empty): its flags must suit every JDK.
        try (RelayProcess relay = RelayProcess.start(List.of(), Map.of("JAVA_OPTS", ""), ROOT, jdk, work, isolated())) {
            int port = relay.ngPort();
            try (Ng ng = new Ng(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                assertEquals("pong", Ng.text(ng.request("ping"), "result"));
                for (int i = 0; i < 3; i++) {
                    try (UdpPeer a = new UdpPeer(); UdpPeer b = new UdpPeer()) {
                        ng.sdp(ng.request("offer", "call-id", "open-" + i, "from-tag", "alice", "sdp", Calls.blinkOfferFrom(a, a)));
                        ng.sdp(ng.request("answer", "call-id", "open-" + i, "from-tag", "alice", "to-tag", "bob",
                                "sdp", Calls.answerFrom(b, b)));
                    }
                }
            }
            assertEquals(143, relay.terminate(), "128 + SIGTERM: stopped by the signal, after the shutdown hook ran");
            Path cdrs = work.resolve("data/cdr/cdr-" + LocalDate.now(ZoneOffset.UTC) + ".jsonl");
            List<JsonObject> lines = Files.readAllLines(cdrs).stream().map(JsonObject::new).toList();
            assertEquals(List.of("open-0", "open-1", "open-2"),
                    lines.stream().map(j -> j.getString("call_id")).sorted().toList());
            assertTrue(lines.stream().allMatch(j -> j.getString("reason").equals("shutdown")));
            assertTrue(!relay.stderrText().contains("SEVERE"), relay.stderrText());
        }
    }

    @Test
    void runs_on_a_heap_that_grows_from_64_mib_and_gives_back_what_it_no_longer_uses_unless_java_opts_sizes_it()
            throws Exception {
        try (RelayProcess relay = RelayProcess.start(List.of(), Map.of("JAVA_OPTS", ""), ROOT, THIS_JDK, work,
                isolated())) {
            relay.awaitReady();
            List<String> args = relay.arguments();
            Matcher xmx = Pattern.compile("-Xmx(\\d+)m").matcher(String.join(" ", args));
            assertTrue(xmx.find(), () -> String.join(" ", args));
            int mb = Integer.parseInt(xmx.group(1));
            assertTrue(mb >= 256 && mb <= 2048, "half the memory, at most 2 GiB: " + mb);
            assertTrue(args.contains("-Xms64m") && !args.contains("-XX:+AlwaysPreTouch"), () -> String.join(" ", args));
            if (args.contains("-XX:+UseShenandoahGC")) {
                assertTrue(args.containsAll(List.of("-XX:ShenandoahUncommitDelay=30000",
                        "-XX:ShenandoahGuaranteedGCInterval=30000")), () -> String.join(" ", args));
            }
        }
        try (RelayProcess relay = RelayProcess.start(List.of(), Map.of("JAVA_OPTS", "-Xmx300m"), ROOT, THIS_JDK,
                work, isolated())) {
            relay.awaitReady();
            List<String> args = relay.arguments();
            assertTrue(args.contains("-Xmx300m") && args.stream().noneMatch(a -> a.startsWith("-Xms"))
                    && args.stream().noneMatch(a -> a.startsWith("-XX:ShenandoahUncommitDelay")),
                    () -> String.join(" ", args));
        }
    }

    @Test
    void the_relay_maps_no_statistics_file_a_busy_disk_could_stall_it_on_and_jcmd_still_reaches_it() throws Exception {
        try (RelayProcess relay = RelayProcess.start(List.of(), Map.of("JAVA_OPTS", ""), ROOT, THIS_JDK, work,
                isolated())) {
            relay.awaitReady();
            // The JVM's default: /tmp/hsperfdata_<user>/<pid>, mapped and written at every safepoint.
            Path perfData = Path.of(System.getProperty("java.io.tmpdir"),
                    "hsperfdata_" + System.getProperty("user.name"), Long.toString(relay.pid()));
            assertTrue(Files.notExists(perfData), perfData + " exists");
            Process jcmd = new ProcessBuilder(THIS_JDK.resolve("bin/jcmd").toString(), Long.toString(relay.pid()),
                    "VM.uptime").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            assertEquals(0, jcmd.waitFor(), out);
            assertTrue(out.matches("(?s).*\\d+\\.\\d+ s.*"), out);
        }
    }

    @Test
    void an_invalid_value_stops_the_start_with_one_line_naming_the_key_and_exit_code_2() throws Exception {
        try (RelayProcess relay = RelayProcess.start(ROOT, THIS_JDK, work, isolated("--media.ports=40000-30000"))) {
            assertEquals(2, relay.waitForExit());
            assertEquals("mediarelay: invalid configuration: media.ports = '40000-30000' (from --media.ports): port range "
                    + "must be <low>-<high> within 1-65535 with low < high\n", relay.stderrText());
            assertEquals(List.of(), relay.stdoutLines());
        }
    }

    @Test
    void an_ng_port_in_use_stops_the_start_with_one_clear_line_and_exit_code_1() throws Exception {
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             RelayProcess relay = RelayProcess.start(ROOT, THIS_JDK, work,
                     isolated("--ng.listen=127.0.0.1:" + squatter.getLocalPort()))) {
            assertEquals(1, relay.waitForExit());
            String lastLine = relay.stderrText().lines().reduce((a, b) -> b).orElse("");
            assertEquals("mediarelay: cannot start: ng.listen 127.0.0.1:" + squatter.getLocalPort()
                    + ": Address already in use", lastLine);
        }
    }
}
