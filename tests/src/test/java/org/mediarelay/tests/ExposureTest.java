package org.mediarelay.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.node.testing.TestPorts;

/**
 * What the embedded defaults expose: nothing but loopback. Hazelcast listens on every address of the host unless told
 * otherwise, even with an interface named, and whoever reaches its port can join the cluster.
 */
class ExposureTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));

    @TempDir
    Path work;

    @Test
    void with_the_embedded_defaults_every_listening_socket_is_on_loopback_the_cluster_port_included() throws Exception {
        try (RelayProcess relay = RelayProcess.start(ROOT, THIS_JDK, work, List.of("--ng.listen=127.0.0.1:0",
                "--http.listen=127.0.0.1:0", "--media.ports=" + TestPorts.block(8), "--data.dir=" + work.resolve("data"),
                "--cluster.name=exposure-" + UUID.randomUUID()))) {
            relay.awaitReady();
            Process ss = new ProcessBuilder("ss", "-H", "-l", "-t", "-n", "-p").redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(ss.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, ss.exitValue(), out);
            List<String> mine = out.lines().filter(l -> l.contains("pid=" + relay.pid() + ",")).toList();
            assertFalse(mine.isEmpty(), "the relay listens: " + out);
            assertTrue(mine.stream().anyMatch(l -> l.matches(".*:57\\d\\d\\s.*")), "Hazelcast's port is among them: "
                    + mine);
            for (String line : mine) {
                String local = line.trim().split("\\s+")[3];
                assertTrue(local.startsWith("127.") || local.startsWith("[::ffff:127.") || local.startsWith("[::1]"),
                        "listening beyond loopback: " + line);
            }
            assertEquals(143, relay.terminate());
        }
    }
}
