package org.mediarelay.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.node.testing.TestPorts;

/**
 * What the embedded defaults expose: nothing but loopback. Hazelcast listens on every address of the host unless told
 * otherwise, even with an interface named, and open-source Hazelcast lets whoever reaches its port join the cluster
 * unless the member that decides (the master) refuses: mediarelay's refuses hosts outside the cluster's allow-list.
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
            List<String> mine = ListeningSockets.tcp(relay.pid());
            assertFalse(mine.isEmpty(), "the relay listens");
            assertTrue(mine.stream().anyMatch(a -> a.matches(".*:57\\d\\d")), "Hazelcast's port is among them: "
                    + mine);
            for (String local : mine) {
                assertTrue(local.startsWith("127.") || local.startsWith("[::ffff:127.") || local.startsWith("[::1]"),
                        "listening beyond loopback: " + local);
            }
            assertEquals(143, relay.terminate());
        }
    }

    @Test
    void a_hazelcast_member_from_a_host_outside_the_allow_list_is_refused_and_one_from_inside_joins() throws Exception {
        String cluster = "foreign-" + UUID.randomUUID();
        try (RelayProcess relay = RelayProcess.start(ROOT, THIS_JDK, work, List.of("--ng.listen=127.0.0.1:0",
                "--http.listen=127.0.0.1:0", "--media.ports=" + TestPorts.block(8), "--data.dir=" + work.resolve("data"),
                "--cluster.name=" + cluster))) {
            relay.awaitReady();
            int port = ListeningSockets.hazelcastPort(relay.pid());

            // The default cluster.yaml names 127.0.0.1 as the only member host: 127.0.0.2 is another host.
            try (ForeignMember outside = ForeignMember.start(work, cluster, "127.0.0.2", port)) {
                assertTrue(outside.awaitExit(Duration.ofSeconds(120)), "the refused member gave up: " + outside.log());
                assertTrue(outside.log().contains("Before join check failed"), outside.log());
                assertTrue(outside.log().contains("not in the cluster's allow-list"), outside.log());
                assertFalse(outside.log().contains("Members {size:2"), outside.log());
            }
            relay.awaitMetric("mediarelay_cluster_joins_refused_total", v -> v >= 1, Duration.ofSeconds(30));

            // The same member from the allowed host joins: the refusal was the address, nothing else.
            try (ForeignMember inside = ForeignMember.start(work, cluster, "127.0.0.1", port)) {
                Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> inside.log().contains("Members {size:2"));
            }
            assertEquals(143, relay.terminate());
        }
    }
}
