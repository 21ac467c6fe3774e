package org.mediarelay.dispatcher.cluster;

import java.util.List;
import org.mediarelay.node.cluster.NodeRecord;

/** Where the relay nodes of the cluster are listed (a Hazelcast map in production). */
public interface NodeDirectory {

    /** Every node that reported, with its drain state. */
    List<NodeRecord> all();

    /** Marks a node draining for every dispatcher; false when no such node reported. */
    boolean drain(String nodeId);
}
