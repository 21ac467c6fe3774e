package org.mediarelay.dispatcher.cluster;

import java.util.List;
import java.util.Optional;
import org.mediarelay.node.api.NodeApi;
import org.mediarelay.node.cluster.NodeRecord;

/** The relay nodes the dispatcher may place calls on. */
public interface RelayNodes {

    /**
     * The node for a new call; empty when none can take it.
     *
     * @param preferred a node id or media address the proxy asked for (MediaProxy's {@code media_relay}); honoured
     *                  when that node can take the call
     * @param interfaces the media interfaces (names or addresses) the call's first request names: only a node that
     *                   has them can take it
     */
    Optional<NodeApi> forNewCall(String callId, Optional<String> preferred, List<String> interfaces);

    /** The node that carries an existing call. */
    Optional<NodeApi> byId(String nodeId);

    /** Every node known: its last report, and whether it takes new calls. */
    List<NodeRecord> states();

    /** Stops placing new calls on the node; its calls go on. False for an unknown node. */
    boolean drain(String nodeId);
}
