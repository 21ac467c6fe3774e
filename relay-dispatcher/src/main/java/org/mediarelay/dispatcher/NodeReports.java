package org.mediarelay.dispatcher;

import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import org.mediarelay.accounting.cdr.TerminationReason;
import org.mediarelay.dispatcher.cluster.RelayNodes;
import org.mediarelay.dispatcher.session.CallLock;
import org.mediarelay.dispatcher.session.CallSession;
import org.mediarelay.dispatcher.session.SessionStore;
import org.mediarelay.node.api.ExpiryReason;
import org.mediarelay.node.api.NodeEvent;

/**
 * What relay nodes report on their own, and what the dispatcher does about it: each session's interim counters are
 * kept (the CDR of a call whose node is lost, interim records), an expired session ends with its CDR, one nobody knows
 * is released on its node, and the calls of a node that left the cluster end.
 */
public final class NodeReports {

    private static final System.Logger LOG = System.getLogger(NodeReports.class.getName());

    private final RelayNodes nodes;
    private final SessionStore store;
    private final CallLock lock;
    private final Endings endings;

    NodeReports(RelayNodes nodes, SessionStore store, CallLock lock, Endings endings) {
        this.nodes = nodes;
        this.store = store;
        this.lock = lock;
        this.endings = endings;
    }

    /**
     * What a relay node reported on its own. An expired session ends here with its CDR (the node keeps its ports
     * until then); one the dispatcher does not know is released on its node so that nothing leaks. A stream that ICE
     * took around the relay is only logged: the call goes on, and its CDR will show the path.
     */
    public Future<Void> onNodeEvent(NodeEvent event) {
        return event.fold(this::interims, d -> {
            LOG.log(Level.INFO, () -> "call " + d.callId() + " stream " + d.stream() + ": ICE went direct, relay ports freed");
            return Future.succeededFuture();
        }, this::expired);
    }

    private Future<Void> interims(NodeEvent.Interims reports) {
        for (NodeEvent.Interim i : reports.sessions()) {
            store.get(i.callId()).filter(s -> s.branches().active().nodeSession().equals(i.sessionId()))
                    .ifPresent(s -> endings.interim(s, i.streams()));
        }
        return Future.succeededFuture();
    }

    private Future<Void> expired(NodeEvent.SessionExpired x) {
        return lock.<Void>run(x.callId(), () -> {
            Optional<CallSession> call = store.get(x.callId());
            OptionalInt branch = call.map(s -> s.branches().byNodeSession(x.sessionId())).orElse(OptionalInt.empty());
            if (branch.isPresent() && branch.getAsInt() != call.get().branches().activeIndex()) {
                // A branch that lost the race for the answer timed out: it ends alone.
                return endings.endBranch(call.get(), branch.getAsInt());
            }
            Optional<CallSession> session = call.filter(s -> branch.isPresent());
            if (session.isPresent()) {
                LOG.log(Level.INFO, () -> "call " + x.callId() + " expired on its node: " + x.reason().token());
                // Ending, it asks the proxy to end the dialog (Endings.askProxy).
                return endings.end(session.get(), reasonOf(x.reason())).mapEmpty();
            }
            return nodes.byId(x.nodeId()).map(n -> n.release(x.sessionId()).<Void>mapEmpty())
                    .orElse(Future.succeededFuture());
        }).recover(e -> {
            LOG.log(Level.WARNING, "expiry of call " + x.callId() + " not handled: " + e.getMessage());
            return Future.succeededFuture();
        });
    }

    /**
     * A relay node left the cluster: each of its calls ends now, with reason {@code relay-lost} and the counters of
     * the node's last interim report, without asking the node (it is gone).
     */
    public Future<Void> onNodeLost(String nodeId) {
        LOG.log(Level.WARNING, () -> "relay node " + nodeId + " lost: its calls end (relay-lost)");
        return endings.endEach(s -> s.nodeId().equals(nodeId), endings::lost);
    }

    /**
     * Writes an interim record of every call each {@code every} of its life (zero: never), while {@code acts} holds:
     * in a cluster only the dispatcher that acts on node reports writes them. Set once, at start.
     */
    public void interimRecords(Duration every, BooleanSupplier acts) {
        endings.interimRecords(every, acts);
    }

    /** When the node last reported this session's counters, if it did. */
    public Optional<Instant> lastInterim(String sessionId) {
        return endings.lastInterim(sessionId);
    }

    private static TerminationReason reasonOf(ExpiryReason r) {
        switch (r) {
            case ON_HOLD_TIMEOUT:
                return TerminationReason.ON_HOLD_TIMEOUT;
            case OFFER_TIMEOUT:
                return TerminationReason.OFFER_TIMEOUT;
            case MAX_DURATION:
                return TerminationReason.MAX_DURATION;
            case NO_MEDIA:
            default:
                return TerminationReason.TIMEOUT;
        }
    }
}
