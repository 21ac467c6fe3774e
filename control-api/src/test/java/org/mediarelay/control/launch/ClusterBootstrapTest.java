package org.mediarelay.control.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.config.Config;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cluster configurations shipped with the project are valid Hazelcast configurations that say what they mean. */
class ClusterBootstrapTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void the_embedded_cluster_yaml_is_one_member_on_loopback_with_ten_second_failure_detection() throws Exception {
        Config c = ClusterBootstrap.hazelcastConfig(ROOT.resolve("cluster.yaml"), Optional.of("t-1"));
        assertEquals("t-1", c.getClusterName(), "cluster.name overrides the file");
        assertEquals(List.of("127.0.0.1"), c.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
        assertEquals("10", c.getProperty("hazelcast.max.no.heartbeat.seconds"));
        assertEquals("false", c.getProperty("hazelcast.phone.home.enabled"));
    }

    @Test
    void the_several_hosts_example_lists_its_three_members_and_keeps_backups_of_the_node_reports() throws Exception {
        Config c = ClusterBootstrap.hazelcastConfig(ROOT.resolve("docs/cluster-several-hosts.yaml"), Optional.empty());
        assertEquals("mediarelay-prod", c.getClusterName());
        assertEquals(List.of("10.0.0.5:5701", "10.0.0.6:5701", "10.0.0.7:5701"),
                c.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
        assertEquals(false, c.getNetworkConfig().getJoin().getMulticastConfig().isEnabled());
        assertEquals(1, c.getMapConfig("mediarelay.nodes").getBackupCount());
        assertEquals("1", c.getProperty("hazelcast.heartbeat.interval.seconds"));
    }
}
