package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.testing.UdpPeer;

/**
 * The Debian package as an operator installs it: {@code dpkg -i} of the package the build made, then what it put on the
 * machine (the command, the system user and its data directory, the configuration as conffiles readable by the service
 * only, the systemd units, which {@code systemd-analyze} accepts), then the service started as its unit starts it (with
 * systemd when the machine runs it, else the unit's {@code ExecStart} as its {@code User} in its
 * {@code WorkingDirectory}) carrying a call whose CDR lands in {@code /var/lib/mediarelay}, then a purge that keeps
 * the CDRs. Needs root, as installing a package does. What the test created is removed at its end.
 */
class DebianPackageTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path DATA = Path.of("/var/lib/mediarelay");
    private static final Path UNIT = Path.of("/lib/systemd/system/mediarelay.service");

    @TempDir
    Path work;

    private record Run(int code, String out) {
    }

    private static Run run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        if (env != null) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish: " + out);
        }
        return new Run(p.exitValue(), out);
    }

    private Run run(String... command) throws Exception {
        return run(work, null, command);
    }

    private Run ok(String... command) throws Exception {
        Run r = run(command);
        assertEquals(0, r.code(), String.join(" ", command) + ": " + r.out());
        return r;
    }

    private static Path builtPackage() throws IOException {
        Path target = ROOT.resolve("control-api/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("mediarelay_.+_all\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no mediarelay_*_all.deb in " + target
                            + ": the package is built by `mvn package` (control-api, jdeb)"));
        }
    }

    /** The unit file's {@code Key=value} lines (the last of each key). */
    private static Map<String, String> unit(Path file) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                keys.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return keys;
    }

    @Test
    void the_package_installs_runs_its_service_as_the_unit_does_and_a_purge_keeps_the_cdrs() throws Exception {
        assertEquals("root", System.getProperty("user.name"), "installing a package needs root (CI runs as root)");
        Path deb = builtPackage();
        boolean userExisted = run("getent", "passwd", "mediarelay").code() == 0;
        boolean dataExisted = Files.exists(DATA);
        String callId = "deb-" + UUID.randomUUID();
        // A stock kernel's limit on socket receive buffers, which the package raises for the ng socket.
        long rmemMax = rmemMax();
        ok("sysctl", "-q", "-w", "net.core.rmem_max=212992");
        try {
            ok("dpkg", "-i", deb.toString());
            assertEquals(4194304, rmemMax(), "the package raised net.core.rmem_max for the ng socket's buffer");
            assertTrue(Files.readAllLines(Path.of("/usr/lib/sysctl.d/60-mediarelay.conf"))
                    .contains("net.core.rmem_max = 4194304"), "and keeps it raised after a reboot");

            // What the package put on the machine.
            Path command = Path.of("/usr/bin/mediarelay");
            assertEquals(Path.of("/usr/share/mediarelay/mediarelay"), command.toRealPath());
            assertTrue(ok(command.toString(), "version").out().startsWith("mediarelay "), "the packaged jars run");
            String[] user = ok("getent", "passwd", "mediarelay").out().trim().split(":");
            assertTrue(Integer.parseInt(user[2]) < 1000, "a system user: " + String.join(":", user));
            assertEquals(DATA.toString(), user[5]);
            PosixFileAttributes data = Files.readAttributes(DATA, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            assertEquals("mediarelay", data.owner().getName());
            assertEquals("rwxr-x---", PosixFilePermissions.toString(data.permissions()));
            PosixFileAttributes config = Files.readAttributes(Path.of("/etc/mediarelay/mediarelay.yaml"),
                    PosixFileAttributes.class);
            assertEquals("mediarelay", config.group().getName(), "the service reads its configuration");
            assertEquals("rw-r-----", PosixFilePermissions.toString(config.permissions()), "secrets stay private");
            String conffiles = ok("dpkg-query", "-W", "-f=${Conffiles}", "mediarelay").out();
            for (String f : List.of("/etc/mediarelay/mediarelay.yaml", "/etc/mediarelay/cluster.yaml",
                    "/etc/default/mediarelay")) {
                assertTrue(conffiles.contains(f + " "), f + " is a conffile: " + conffiles);
            }
            if (new File("/usr/bin/systemd-analyze").canExecute()) {
                Run verify = run("systemd-analyze", "verify", "mediarelay.service", "mediarelay@relay.service");
                assertFalse(verify.out().lines().anyMatch(l -> l.startsWith("mediarelay")), verify.out());
            }
            if (Files.isDirectory(Path.of("/run/systemd/system"))) {
                // The postinst started it on its defaults, which another relay on the machine may hold: the test
                // runs its own instance below on free ports.
                assertEquals("enabled", ok("systemctl", "is-enabled", "mediarelay.service").out().trim());
                run("systemctl", "stop", "mediarelay.service");
            }

            // The unit's ExecStart, as its User, in its WorkingDirectory, with its environment file, as systemd would;
            // the test's ports come in through the environment, as an operator's would from /etc/default/mediarelay.
            Map<String, String> u = unit(UNIT);
            assertEquals("/usr/bin/mediarelay start --config /etc/mediarelay/mediarelay.yaml", u.get("ExecStart"));
            assertEquals("-/etc/default/mediarelay", u.get("EnvironmentFile"));
            assertEquals("1048576", u.get("LimitNOFILE"), "room for the media ports' sockets");
            // setpriv execs in place (runuser would stay the parent and kill the JVM 2 s into its clean stop), and
            // grants the unit's ambient capability as systemd does.
            assertEquals("CAP_NET_ADMIN", u.get("AmbientCapabilities"), "the kernel path may be used");
            List<String> line = new ArrayList<>(List.of("setpriv", "--reuid=" + u.get("User"),
                    "--regid=" + u.get("Group"), "--init-groups", "--inh-caps=+net_admin",
                    "--ambient-caps=+net_admin", "env", "-i",
                    "PATH=/usr/bin:/bin", "JAVA_OPTS=" + RelayProcess.TEST_HEAP,
                    "MEDIARELAY_NG_LISTEN=127.0.0.1:0", "MEDIARELAY_HTTP_LISTEN=127.0.0.1:0",
                    "MEDIARELAY_MEDIA_PORTS=" + TestPorts.block(16), "MEDIARELAY_CLUSTER_NAME=deb-" + UUID.randomUUID(),
                    "MEDIARELAY_NODE_ID=deb-node"));
            line.addAll(List.of(u.get("ExecStart").split(" ")));
            Path log = work.resolve("service.log");
            Process service = new ProcessBuilder(line).directory(new File(u.get("WorkingDirectory")))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .failFast(() -> assertTrue(service.isAlive(), () -> "the service exited: " + read(log)))
                        .until(() -> read(log).contains("mediarelay ready: "));
                String ready = read(log).lines().filter(l -> l.startsWith("mediarelay ready: ")).findFirst().orElseThrow();
                assertTrue(ready.contains("cdr /var/lib/mediarelay/cdr"), ready);
                assertTrue(read(log).contains("kernel path on"), "the service user may use nftables: " + read(log));
                int ngPort = Integer.parseInt(ready.replaceAll(".* ng udp:127\\.0\\.0\\.1:(\\d+) .*", "$1"));
                try (Ng ng = new Ng(new InetSocketAddress(InetAddress.getLoopbackAddress(), ngPort));
                     UdpPeer alice = new UdpPeer(); UdpPeer bob = new UdpPeer()) {
                    ng.sdp(ng.request("offer", "call-id", callId, "from-tag", "alice", "sdp",
                            Calls.blinkOfferFrom(alice, alice)));
                    InetSocketAddress toAlice = Calls.rtpTarget(ng.sdp(ng.request("answer", "call-id", callId,
                            "from-tag", "alice", "to-tag", "bob", "sdp", Calls.answerFrom(bob, bob))));
                    alice.send(UdpPeer.rtp(1, 0xDEB), toAlice);
                    assertTrue(bob.receive().isPresent(), "media crosses the packaged relay");
                    assertEquals("ok", Ng.text(ng.request("delete", "call-id", callId, "from-tag", "alice"),
                            "result"));
                }
            } finally {
                service.destroy();
                assertTrue(service.waitFor(60, TimeUnit.SECONDS), "the service stops on SIGTERM");
            }
            assertEquals(143, service.exitValue(), "128 + SIGTERM after the clean stop: " + read(log));
            assertEquals("143", u.get("SuccessExitStatus"), "which systemd counts as a clean stop");
            CdrFiles.of(DATA, callId);
            Path cdrDir = DATA.resolve("cdr");

            ok("dpkg", "--purge", "mediarelay");
            assertFalse(Files.exists(command, LinkOption.NOFOLLOW_LINKS), "the command is gone");
            assertFalse(Files.exists(Path.of("/etc/mediarelay/mediarelay.yaml")), "a purge removes the conffiles");
            assertTrue(Files.isDirectory(cdrDir), "a purge keeps the CDR files: they are billing data");
        } finally {
            run("sysctl", "-q", "-w", "net.core.rmem_max=" + rmemMax);
            run("dpkg", "--purge", "mediarelay");
            if (!dataExisted) {
                run("rm", "-rf", DATA.toString());
            }
            if (!userExisted) {
                run("deluser", "--quiet", "--system", "mediarelay");
                run("delgroup", "--quiet", "--system", "mediarelay");
            }
        }
    }

    /** Read by lines: Files.readString trusts the size procfs reports and returns the first byte only. */
    private static long rmemMax() throws IOException {
        return Long.parseLong(Files.readAllLines(Path.of("/proc/sys/net/core/rmem_max")).get(0).trim());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
