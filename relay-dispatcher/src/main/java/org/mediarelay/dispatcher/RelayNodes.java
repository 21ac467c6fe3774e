package org.mediarelay.dispatcher;

import java.util.Optional;
import org.mediarelay.node.api.NodeApi;

/** The relay nodes the dispatcher may place calls on. */
public interface RelayNodes {

    /** The node for a new call. */
    NodeApi forNewCall(String callId);

    /** The node that carries an existing call. */
    Optional<NodeApi> byId(String nodeId);

    /** One node serves every call: the all-in-one process. */
    static RelayNodes single(NodeApi node) {
        return new RelayNodes() {
            @Override
            public NodeApi forNewCall(String callId) {
                return node;
            }

            @Override
            public Optional<NodeApi> byId(String nodeId) {
                return node.nodeId().equals(nodeId) ? Optional.of(node) : Optional.empty();
            }
        };
    }
}
