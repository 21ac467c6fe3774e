package org.mediarelay.control.launch;

import com.hazelcast.config.Config;
import com.hazelcast.config.YamlConfigBuilder;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.mediarelay.control.cluster.GatedNodeContext;
import org.mediarelay.control.cluster.MemberAllowList;
import org.mediarelay.control.config.Role;
import org.mediarelay.dispatcher.hazelcast.DispatcherLeadership;

/**
 * Starts Vert.x as a member of the Hazelcast cluster described by {@code cluster.yaml}. vertx-hazelcast reads only
 * XML by itself, so the YAML is built into a Hazelcast {@link Config} here.
 */
final class ClusterBootstrap {

    private static final System.Logger LOG = System.getLogger(ClusterBootstrap.class.getName());
    /** The member attribute vertx-hazelcast names its node by. */
    private static final String VERTX_NODE_ID = "__vertx.nodeId";
    private static final String SHUTDOWN_HOOK = "hazelcast.shutdownhook.enabled";

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

    /**
     * Vert.x on the cluster, and the Hazelcast member under it (for the maps mediarelay keeps there). The member is
     * made here, not by vertx-hazelcast, so that it refuses joiners outside the allow-list ({@link GatedNodeContext});
     * Vert.x then does not own it: {@link Clustered#close()} closes both.
     */
    static Future<Clustered> clusteredVertx(Config hazelcast) {
        MemberAllowList allowed = MemberAllowList.of(hazelcast);
        if (allowed.open()) {
            LOG.log(Level.WARNING, "cluster: no tcp-ip member-list and no " + MemberAllowList.PROPERTY
                    + " in the cluster configuration: any host that reaches the cluster port may join");
        }
        GatedNodeContext gate = new GatedNodeContext(allowed);
        // What vertx-hazelcast sets itself when it makes the member: with a member given, it reads it.
        hazelcast.getMemberAttributeConfig().setAttribute(VERTX_NODE_ID, UUID.randomUUID().toString());
        // Nor may Hazelcast leave on SIGTERM by itself: the relay's own stop ends every call with its CDR first, and
        // then closes the member (Clustered.close).
        hazelcast.setProperty(SHUTDOWN_HOOK, "false");
        HazelcastInstance member;
        try {
            member = HazelcastInstanceFactory.newHazelcastInstance(hazelcast, hazelcast.getInstanceName(), gate);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        // The event bus's own TCP server on the member's address (vertx-hazelcast names no host for a member it was
        // given, and Vert.x would then pick the host's first address beyond loopback).
        String host = member.getCluster().getLocalMember().getAddress().getHost();
        return Vertx.builder()
                .with(new VertxOptions().setPreferNativeTransport(true)
                        .setEventBusOptions(new EventBusOptions().setHost(host)))
                .withClusterManager(new HazelcastClusterManager(member))
                .buildClustered()
                .map(vertx -> new Clustered(vertx, member, gate))
                .onFailure(e -> member.shutdown());
    }

    /** A clustered Vert.x, its Hazelcast member, and the member's join gate (for its refusal count). */
    record Clustered(Vertx vertx, HazelcastInstance hazelcast, GatedNodeContext gate) {

        /** Leaves the event bus, then the cluster. */
        Future<Void> close() {
            return vertx.close().eventually(() -> {
                hazelcast.shutdown();
                return Future.succeededFuture();
            });
        }
    }
}
