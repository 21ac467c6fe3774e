package org.mediarelay.control.launch;

import com.hazelcast.config.Config;
import com.hazelcast.config.YamlConfigBuilder;
import com.hazelcast.core.HazelcastInstance;
import org.mediarelay.control.cluster.DispatcherLeadership;
import org.mediarelay.control.config.Role;
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

    /** The same, with this process's role as a member attribute, which dispatchers use to elect who acts. */
    static Config hazelcastConfig(Path clusterYaml, Optional<String> clusterName, Role role) throws IOException {
        Config config = hazelcastConfig(clusterYaml, clusterName);
        config.getMemberAttributeConfig().setAttribute(DispatcherLeadership.ROLE_ATTRIBUTE, role.token());
        return config;
    }

    /** Vert.x on the cluster, and the Hazelcast member under it (for the maps mediarelay keeps there). */
    static Future<Clustered> clusteredVertx(Config hazelcast) {
        HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast);
        return Vertx.builder()
                .with(new VertxOptions().setPreferNativeTransport(true))
                .withClusterManager(manager)
                .buildClustered()
                .map(vertx -> new Clustered(vertx, manager.getHazelcastInstance()));
    }

    record Clustered(Vertx vertx, HazelcastInstance hazelcast) {
    }
}
