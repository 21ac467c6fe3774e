package org.mediarelay.control.launch;

import com.hazelcast.config.Config;
import com.hazelcast.config.YamlConfigBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts Vert.x as a member of the Hazelcast cluster described by {@code cluster.yaml}. vertx-hazelcast reads only
 * XML by itself, so the YAML is built into a Hazelcast {@link Config} here.
 */
final class ClusterBootstrap {

    private ClusterBootstrap() {
    }

    static Config hazelcastConfig(Path clusterYaml, Optional<String> clusterName) throws IOException {
        Config config;
        try (InputStream in = Files.newInputStream(clusterYaml)) {
            config = new YamlConfigBuilder(in).build();
        }
        clusterName.ifPresent(config::setClusterName);
        return config;
    }

    static Future<Vertx> clusteredVertx(Config hazelcast) {
        return Vertx.builder()
                .with(new VertxOptions().setPreferNativeTransport(true))
                .withClusterManager(new HazelcastClusterManager(hazelcast))
                .buildClustered();
    }
}
