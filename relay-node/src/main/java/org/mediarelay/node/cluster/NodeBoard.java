package org.mediarelay.node.cluster;

/**
 * A relay node's side of the cluster's directory of nodes: it publishes its own record and learns whether an operator
 * drained it. The dispatchers read the same directory ({@code dispatcher.cluster.NodeDirectory}).
 */
public interface NodeBoard {

    /** Publishes the node's record; it expires unless reported again. May block: call it off the event loops. */
    void report(NodeRecord record);

    /** Whether an operator drained this node. May block. */
    boolean isDraining(String nodeId);

    /** Takes the node out (it stops for good). May block. */
    void remove(String nodeId);
}
