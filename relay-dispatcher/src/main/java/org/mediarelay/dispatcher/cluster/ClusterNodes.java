package org.mediarelay.dispatcher.cluster;

import io.vertx.core.eventbus.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.mediarelay.dispatcher.RelayNodes;
import org.mediarelay.node.api.NodeApi;
import org.mediarelay.node.api.NodeClient;

/**
 * The relay nodes of a cluster, as the directory lists them: new calls by {@link Placement}, existing calls on their
 * node through the clustered event bus, wherever it runs.
 */
public final class ClusterNodes implements RelayNodes {

    /** A node that has not reported for this long gets no new calls. */
    static final Duration STALE = Duration.ofSeconds(3);

    private final NodeDirectory directory;
    private final EventBus bus;
    private final Duration requestTimeout;
    private final Clock clock;
    private final Map<String, NodeApi> clients = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> placed = new ConcurrentHashMap<>();

    public ClusterNodes(NodeDirectory directory, EventBus bus, Duration requestTimeout, Clock clock) {
        this.directory = directory;
        this.bus = bus;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    /**
     * Nodes report once a second; calls this dispatcher placed since a node's last report count as its load too, so
     * that a burst of new calls spreads instead of landing on whichever node was least loaded a second ago.
     */
    @Override
    public Optional<NodeApi> forNewCall(String callId, Optional<String> preferred) {
        long now = clock.millis();
        List<NodeRecord> nodes = directory.all().stream()
                .map(n -> n.withSessions(n.sessions() + placedSince(n.id(), n.updatedMillis(), now)))
                .toList();
        return Placement.choose(nodes, now, STALE.toMillis(), preferred).map(n -> {
            placed.computeIfAbsent(n.id(), id -> new ConcurrentLinkedDeque<>()).add(now);
            return client(n.id());
        });
    }

    /** Placements on the node after {@code since}; older ones are forgotten once no report can predate them. */
    private int placedSince(String nodeId, long since, long now) {
        Deque<Long> times = placed.get(nodeId);
        if (times == null) {
            return 0;
        }
        Long oldest;
        while ((oldest = times.peekFirst()) != null && oldest < now - 2 * STALE.toMillis()) {
            times.pollFirst();
        }
        int n = 0;
        for (long t : times) {
            if (t >= since) {
                n++;
            }
        }
        return n;
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
