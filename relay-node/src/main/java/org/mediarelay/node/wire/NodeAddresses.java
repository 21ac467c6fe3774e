package org.mediarelay.node.wire;

import org.mediarelay.node.api.NodeEvent;

/** Event-bus addresses of relay nodes. The only place these strings are built. */
public final class NodeAddresses {

    /** Header naming the operation of a control message. */
    public static final String OP_HEADER = "op";

    private static final String PREFIX = "mediarelay.node.";

    private NodeAddresses() {
    }

    /** Where every node publishes its {@link NodeEvent}s, for every dispatcher. */
    public static final String EVENTS = "mediarelay.node-events";

    /** Where one node takes its control requests. */
    public static String control(String nodeId) {
        return PREFIX + nodeId + ".control";
    }
}
