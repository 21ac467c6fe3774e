package org.mediarelay.node.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.concurrent.TimeUnit;

/**
 * The directory of nodes in two Hazelcast maps: {@value #NODES} (id → the node's last report, JSON; each entry expires
 * {@link #RECORD_TTL_SECONDS} s after its last update, so a dead node drops out) and {@value #DRAINING} (ids an
 * operator drained; kept until the node leaves for good). The node writes its record here; dispatchers mirror both
 * maps ({@code dispatcher.hazelcast.HazelcastDirectory}).
 */
public final class HazelcastNodeBoard implements NodeBoard {

    public static final String NODES = "mediarelay.nodes";
    public static final String DRAINING = "mediarelay.draining";
    public static final int RECORD_TTL_SECONDS = 10;

    private final IMap<String, String> nodes;
    private final IMap<String, Boolean> draining;

    public HazelcastNodeBoard(HazelcastInstance hazelcast) {
        this.nodes = hazelcast.getMap(NODES);
        this.draining = hazelcast.getMap(DRAINING);
    }

    @Override
    public void report(NodeRecord record) {
        nodes.set(record.id(), record.toJson().encode(), RECORD_TTL_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public boolean isDraining(String nodeId) {
        return draining.containsKey(nodeId);
    }

    @Override
    public void remove(String nodeId) {
        nodes.delete(nodeId);
        draining.delete(nodeId);
    }
}
