package org.mediarelay.node.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sessions of one loop, grouped by the slice of the interim period in which each reports its counters: a slice's
 * reports cost what is due then, not a walk over every session of the node. Only the loop's own thread uses it.
 */
public final class InterimSlices {

    private final List<Set<NodeSession>> slices = new ArrayList<>();

    public InterimSlices(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one slice");
        }
        for (int i = 0; i < count; i++) {
            slices.add(new LinkedHashSet<>());
        }
    }

    /** Idempotent. */
    public void add(NodeSession session) {
        slice(session).add(session);
    }

    public void remove(NodeSession session) {
        slice(session).remove(session);
    }

    /** The sessions whose turn is the {@code tick}-th slice (ticks count up, slices repeat). */
    public Collection<NodeSession> due(long tick) {
        return slices.get((int) Math.floorMod(tick, (long) slices.size()));
    }

    private Set<NodeSession> slice(NodeSession session) {
        return slices.get(Math.floorMod(session.sessionId().hashCode(), slices.size()));
    }
}
