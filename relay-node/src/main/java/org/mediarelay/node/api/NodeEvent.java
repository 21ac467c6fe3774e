package org.mediarelay.node.api;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a node reports on its own, published at {@code mediarelay.node-events} for every dispatcher: the node acts (it
 * frees what it can) and the dispatcher decides what it means for the call.
 */
public sealed interface NodeEvent permits NodeEvent.SessionExpired, NodeEvent.IceDirect, NodeEvent.Interims {

    /** This event to the function for its kind. */
    default <R> R fold(Function<? super Interims, ? extends R> interims, Function<? super IceDirect, ? extends R> iceDirect,
                       Function<? super SessionExpired, ? extends R> expired) {
        if (this instanceof Interims i) {
            return interims.apply(i);
        }
        return this instanceof IceDirect d ? iceDirect.apply(d) : expired.apply((SessionExpired) this);
    }

    String nodeId();

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
     * The counters so far of the sessions whose turn it is, each session's once every
     * {@link org.mediarelay.node.RelayNode#INTERIM_PERIOD}: if the node is lost, a call's CDR is written from the last
     * of these. One event carries the sessions of one loop's slice of the period, so that a node holding many calls
     * sends a few dozen messages a second, not one per call.
     */
    record Interims(String nodeId, List<Interim> sessions) implements NodeEvent {
        public Interims {
            sessions = List.copyOf(sessions);
        }
    }

    /** One session's counters in an {@link Interims} report. */
    record Interim(String sessionId, String callId, List<StreamStats> streams) {
        public Interim {
            Objects.requireNonNull(sessionId);
            Objects.requireNonNull(callId);
            streams = List.copyOf(streams);
        }
    }
}
