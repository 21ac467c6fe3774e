package org.mediarelay.dispatcher.hazelcast;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.mediarelay.dispatcher.cluster.NodeDirectory;
import org.mediarelay.node.cluster.HazelcastNodeBoard;
import org.mediarelay.node.cluster.NodeRecord;

/**
 * The relay nodes of the cluster, as the nodes publish them in Hazelcast ({@link HazelcastNodeBoard}'s two maps), for
 * the dispatcher. Reads come from a local mirror that Hazelcast's entry events keep current: placing a call never
 * waits for the cluster.
 */
public final class HazelcastDirectory implements NodeDirectory {

    private final IMap<String, String> nodes;
    private final IMap<String, Boolean> draining;
    private final Map<String, NodeRecord> mirror = new ConcurrentHashMap<>();
    private final Set<String> drainingMirror = ConcurrentHashMap.newKeySet();

    /** Blocks while it subscribes and loads the current entries: construct it off the event loops' hot paths. */
    public HazelcastDirectory(HazelcastInstance hazelcast) {
        this.nodes = hazelcast.getMap(HazelcastNodeBoard.NODES);
        this.draining = hazelcast.getMap(HazelcastNodeBoard.DRAINING);
        nodes.addEntryListener(new Mirror<String>(
                e -> mirror.put(e.getKey(), NodeRecord.fromJson(new JsonObject(e.getValue()))),
                e -> mirror.remove(e.getKey())), true);
        draining.addEntryListener(new Mirror<Boolean>(e -> drainingMirror.add(e.getKey()),
                e -> drainingMirror.remove(e.getKey())), false);
        nodes.forEach((id, json) -> mirror.put(id, NodeRecord.fromJson(new JsonObject(json))));
        drainingMirror.addAll(draining.keySet());
    }

    @Override
    public List<NodeRecord> all() {
        List<NodeRecord> out = new ArrayList<>();
        for (NodeRecord r : mirror.values()) {
            out.add(drainingMirror.contains(r.id()) ? r.drained() : r);
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    /** Applies a map's entry events to a local mirror. */
    private static final class Mirror<V> implements EntryAddedListener<String, V>, EntryUpdatedListener<String, V>,
            EntryRemovedListener<String, V>, EntryExpiredListener<String, V>, EntryEvictedListener<String, V> {

        private final Consumer<EntryEvent<String, V>> put;
        private final Consumer<EntryEvent<String, V>> remove;

        Mirror(Consumer<EntryEvent<String, V>> put, Consumer<EntryEvent<String, V>> remove) {
            this.put = put;
            this.remove = remove;
        }

        @Override
        public void entryAdded(EntryEvent<String, V> e) {
            put.accept(e);
        }

        @Override
        public void entryUpdated(EntryEvent<String, V> e) {
            put.accept(e);
        }

        @Override
        public void entryRemoved(EntryEvent<String, V> e) {
            remove.accept(e);
        }

        @Override
        public void entryExpired(EntryEvent<String, V> e) {
            remove.accept(e);
        }

        @Override
        public void entryEvicted(EntryEvent<String, V> e) {
            remove.accept(e);
        }
    }

    @Override
    public boolean drain(String nodeId) {
        if (!mirror.containsKey(nodeId)) {
            return false;
        }
        draining.put(nodeId, Boolean.TRUE);
        drainingMirror.add(nodeId);
        return true;
    }

    /** A node the cluster lost leaves: its report and drain mark go. */
    void remove(String nodeId) {
        nodes.delete(nodeId);
        draining.delete(nodeId);
    }
}
