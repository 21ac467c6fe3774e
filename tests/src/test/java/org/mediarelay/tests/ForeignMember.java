package org.mediarelay.tests;

import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A plain Hazelcast member in a process of its own (Hazelcast's {@code HazelcastMemberStarter}, nothing of
 * mediarelay), bound to one loopback address and joining through one member's port: what anyone who reaches the
 * cluster port can start.
 */
final class ForeignMember implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ForeignMember(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ForeignMember start(Path dir, String cluster, String address, int memberPort) throws IOException {
        Path config = dir.resolve("foreign-" + address + ".yaml");
        Files.writeString(config, """
                hazelcast:
                  cluster-name: %s
                  properties:
                    hazelcast.phone.home.enabled: false
                    hazelcast.socket.bind.any: false
                    hazelcast.wait.seconds.before.join: 0
                  network:
                    port:
                      port: 5851
                      auto-increment: true
                      port-count: 100
                    join:
                      auto-detection:
                        enabled: false
                      multicast:
                        enabled: false
                      tcp-ip:
                        enabled: true
                        member-list: ["127.0.0.1:%d"]
                """.formatted(cluster, memberPort));
        Path log = dir.resolve("foreign-" + address + ".log");
        String hazelcastJar = Path.of(jarOf(HazelcastInstance.class)).toString();
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-Dhazelcast.config=" + config,
                // Any 127/8 address is loopback's, but Hazelcast's interface matching knows 127.0.0.1 alone.
                "-Dhazelcast.local.localAddress=" + address, "-cp", hazelcastJar,
                "com.hazelcast.core.server.HazelcastMemberStarter"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ForeignMember(p, log);
    }

    private static URI jarOf(Class<?> inJar) {
        try {
            return inJar.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean awaitExit(Duration atMost) throws InterruptedException {
        return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
