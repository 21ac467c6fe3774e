package org.mediarelay.control;

import java.time.Clock;
import java.util.List;
import org.mediarelay.dispatcher.cluster.NodeDirectory;
import org.mediarelay.node.RelayNode;
import org.mediarelay.node.cluster.NodeRecord;

/** A directory of one in-process relay node that reports its live figures whenever it is read. */
final class LocalDirectory implements NodeDirectory {

    private final String nodeId;
    private final RelayNode node;
    private final Clock clock;
    private volatile boolean draining;
    private final long started;

    LocalDirectory(String nodeId, RelayNode node, Clock clock) {
        this.nodeId = nodeId;
        this.node = node;
        this.clock = clock;
        this.started = clock.millis();
    }

    @Override
    public List<NodeRecord> all() {
        return List.of(new NodeRecord(nodeId, "127.0.0.1", node.interfaces().stream()
                .map(i -> i.name() + "/" + i.advertised()).toList(), node.totalPortPairs(), node.freePortPairs(),
                node.sessionCount(), node.openStreams(), 0, 0, 1, draining, clock.millis(), "local",
                new NodeRecord.Traffic(started, 0, node.openStreamsByMedia())));
    }

    @Override
    public boolean drain(String id) {
        if (!nodeId.equals(id)) {
            return false;
        }
        draining = true;
        return true;
    }
}
