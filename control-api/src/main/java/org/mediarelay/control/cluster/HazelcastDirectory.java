package org.mediarelay.control.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mediarelay.dispatcher.cluster.NodeDirectory;
import org.mediarelay.dispatcher.cluster.NodeRecord;

/**
 * The relay nodes of the cluster in two Hazelcast maps: {@value #NODES} (id → the node's last report, JSON; each
 * entry expires {@link #RECORD_TTL_SECONDS} s after its last update, so a dead node drops out) and {@value #DRAINING}
 * (ids an operator drained; kept until the node leaves for good).
 */
public final class HazelcastDirectory implements NodeDirectory {

    static final String NODES = "mediarelay.nodes";
    static final String DRAINING = "mediarelay.draining";
    static final int RECORD_TTL_SECONDS = 10;

    private final IMap<String, String> nodes;
    private final IMap<String, Boolean> draining;

    public HazelcastDirectory(HazelcastInstance hazelcast) {
        this.nodes = hazelcast.getMap(NODES);
        this.draining = hazelcast.getMap(DRAINING);
    }

    @Override
    public List<NodeRecord> all() {
        List<NodeRecord> out = new ArrayList<>();
        for (String json : nodes.values()) {
            NodeRecord r = NodeRecord.fromJson(new JsonObject(json));
            out.add(draining.containsKey(r.id()) ? r.drained() : r);
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    @Override
    public boolean drain(String nodeId) {
        if (!nodes.containsKey(nodeId)) {
            return false;
        }
        draining.put(nodeId, Boolean.TRUE);
        return true;
    }

    /** A node's report; it lapses unless renewed. */
    void report(NodeRecord record) {
        nodes.set(record.id(), record.toJson().encode(), RECORD_TTL_SECONDS, TimeUnit.SECONDS);
    }

    boolean isDraining(String nodeId) {
        return draining.containsKey(nodeId);
    }

    /** The node leaves: its report and drain mark go. */
    void remove(String nodeId) {
        nodes.delete(nodeId);
        draining.delete(nodeId);
    }
}
