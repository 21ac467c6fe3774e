package org.mediarelay.node.session;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mediarelay.node.api.NodeEvent;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.loop.SessionLoop;

/**
 * The sessions of one loop, grouped by the slice of the interim period in which each reports its counters: a slice's
 * reports cost what is due then, not a walk over every session of the node. Only the loop's own thread touches the
 * sessions; {@link #allStats} is for any thread.
 */
public final class LoopSessions {

    private final SessionLoop loop;
    private final List<Set<NodeSession>> slices = new ArrayList<>();

    public LoopSessions(SessionLoop loop, int slices) {
        if (slices < 1) {
            throw new IllegalArgumentException("at least one slice");
        }
        this.loop = loop;
        for (int i = 0; i < slices; i++) {
            this.slices.add(new LinkedHashSet<>());
        }
    }

    public SessionLoop loop() {
        return loop;
    }

    /** On the loop; idempotent. */
    void add(NodeSession session) {
        slice(session).add(session);
    }

    /** On the loop. */
    void remove(NodeSession session) {
        slice(session).remove(session);
    }

    /**
     * On the loop: the counters of the sessions whose turn is the {@code tick}-th slice (ticks count up, slices
     * repeat), those with streams.
     */
    public List<NodeEvent.Interim> interims(long tick) {
        Set<NodeSession> due = slices.get((int) Math.floorMod(tick, (long) slices.size()));
        List<NodeEvent.Interim> reports = new ArrayList<>(due.size());
        for (NodeSession s : due) {
            if (!s.isEmpty()) {
                reports.add(new NodeEvent.Interim(s.sessionId(), s.callId(), s.statsHere()));
            }
        }
        return reports;
    }

    /** From any thread: the counters of every stream of this loop's sessions, read on the loop in one task. */
    public CompletionStage<List<StreamStats>> allStats() {
        return loop.submit(() -> {
            List<StreamStats> all = new ArrayList<>();
            for (Set<NodeSession> slice : slices) {
                for (NodeSession s : slice) {
                    all.addAll(s.statsHere());
                }
            }
            return CompletableFuture.completedFuture(all);
        });
    }

    private Set<NodeSession> slice(NodeSession session) {
        return slices.get(Math.floorMod(session.sessionId().hashCode(), slices.size()));
    }
}
