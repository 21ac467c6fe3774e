package org.mediarelay.dispatcher.cluster;

import io.vertx.core.eventbus.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mediarelay.node.api.NodeApi;
import org.mediarelay.node.cluster.NodeRecord;
import org.mediarelay.node.wire.NodeClient;

/**
 * The relay nodes of a cluster, as the directory lists them: new calls by {@link Placement}, existing calls on their
 * node through the clustered event bus, wherever it runs; a node in this very process is called directly.
 */
public final class ClusterNodes implements RelayNodes {

    /**
     * A node that has not reported for this long gets no new calls (its report lapses from the cluster map then too);
     * a node that is gone is dropped sooner, when Hazelcast removes its member.
     */
    static final Duration STALE = Duration.ofSeconds(10);

    private final NodeDirectory directory;
    private final EventBus bus;
    private final Duration requestTimeout;
    private final Clock clock;
    private final Map<String, NodeApi> clients = new ConcurrentHashMap<>();
    private final Map<String, RecentPlacements> placed = new ConcurrentHashMap<>();

    public ClusterNodes(NodeDirectory directory, EventBus bus, Duration requestTimeout, Clock clock) {
        this(directory, bus, requestTimeout, clock, Optional.empty());
    }

    /** @param inProcess the relay node of this process (role {@code all}), called without the event bus */
    public ClusterNodes(NodeDirectory directory, EventBus bus, Duration requestTimeout, Clock clock,
                        Optional<NodeApi> inProcess) {
        this.directory = directory;
        this.bus = bus;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        inProcess.ifPresent(n -> clients.put(n.nodeId(), n));
    }

    /**
     * Nodes report once a second; calls this dispatcher placed since a node's last report count as its load too, so
     * that a burst of new calls spreads instead of landing on whichever node was least loaded a second ago.
     */
    @Override
    public Optional<NodeApi> forNewCall(String callId, Optional<String> preferred, List<String> interfaces) {
        long now = clock.millis();
        List<NodeRecord> nodes = directory.all().stream()
                .map(n -> n.withSessions(n.sessions() + placedSince(n.id(), n.updatedMillis(), now)))
                .toList();
        return Placement.choose(nodes, now, STALE.toMillis(), preferred, interfaces).map(n -> {
            placed.computeIfAbsent(n.id(), id -> new RecentPlacements()).add(now);
            return client(n.id());
        });
    }

    /** Placements on the node since {@code since}. */
    private int placedSince(String nodeId, long since, long now) {
        RecentPlacements recent = placed.get(nodeId);
        return recent == null ? 0 : recent.since(since, now);
    }

    @Override
    public Optional<NodeApi> byId(String nodeId) {
        return Optional.of(client(nodeId));
    }

    @Override
    public List<NodeRecord> states() {
        return directory.all();
    }

    @Override
    public boolean drain(String nodeId) {
        return directory.drain(nodeId);
    }

    private NodeApi client(String nodeId) {
        return clients.computeIfAbsent(nodeId, id -> new NodeClient(bus, id, requestTimeout));
    }
}
