package org.mediarelay.node.api;

import java.util.List;
import java.util.Objects;

/**
 * What a node reports on its own, published at {@link NodeAddresses#EVENTS} for every dispatcher: the node acts (it
 * frees what it can) and the dispatcher decides what it means for the call.
 */
public sealed interface NodeEvent permits NodeEvent.SessionExpired, NodeEvent.IceDirect, NodeEvent.Interim {

    String nodeId();

    String sessionId();

    String callId();

    /**
     * A session's media timed out. The node keeps its ports until the dispatcher releases it (and so writes its
     * CDR); it repeats the event until then.
     */
    record SessionExpired(String nodeId, String sessionId, String callId, ExpiryReason reason) implements NodeEvent {
        public SessionExpired {
            Objects.requireNonNull(reason);
        }
    }

    /** ICE took a stream around the relay; the node has freed its ports. The call goes on. */
    record IceDirect(String nodeId, String sessionId, String callId, int stream) implements NodeEvent {
    }

    /**
     * A session's counters so far, sent every {@link org.mediarelay.node.RelayNode#INTERIM_PERIOD}: if the node is
     * lost, the call's CDR is written from the last of these.
     */
    record Interim(String nodeId, String sessionId, String callId, List<StreamStats> streams) implements NodeEvent {
        public Interim {
            streams = List.copyOf(streams);
        }
    }
}
