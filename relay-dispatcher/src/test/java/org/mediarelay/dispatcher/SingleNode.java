package org.mediarelay.dispatcher;

import java.util.List;
import java.util.Optional;
import org.mediarelay.dispatcher.cluster.RelayNodes;
import org.mediarelay.node.api.NodeApi;
import org.mediarelay.node.cluster.NodeRecord;

/**
 * For tests of the dispatcher alone: one relay node serves every call; draining it stops new calls while the open ones
 * go on. (The process itself, in role {@code all}, uses {@code ClusterNodes} with its node in-process.)
 */
final class SingleNode implements RelayNodes {

    private final NodeApi node;
    private volatile boolean draining;

    SingleNode(NodeApi node) {
        this.node = node;
    }

    @Override
    public Optional<NodeApi> forNewCall(String callId, Optional<String> preferred, List<String> interfaces) {
        return draining ? Optional.empty() : Optional.of(node);
    }

    @Override
    public Optional<NodeApi> byId(String nodeId) {
        return node.nodeId().equals(nodeId) ? Optional.of(node) : Optional.empty();
    }

    @Override
    public List<NodeRecord> states() {
        // One node in-process: no report of its load is kept here.
        return List.of(new NodeRecord(node.nodeId(), "", List.of(), 0, 0, 0, 0, 0, 0, 1, draining, 0, ""));
    }

    @Override
    public boolean drain(String nodeId) {
        if (!node.nodeId().equals(nodeId)) {
            return false;
        }
        draining = true;
        return true;
    }
}
