package org.mediarelay.dispatcher.cluster;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.mediarelay.node.cluster.NodeRecord;

/**
 * Which node takes a new call: among the nodes that reported recently, are not draining and have ports for a
 * stream, the least loaded for its weight (sessions per unit of weight; then the most free pairs; then the id, so
 * that the choice is deterministic). A preferred node (MediaProxy's {@code media_relay}, a label) wins when it is
 * eligible. A request that names media interfaces is placed only on nodes that have them.
 */
public final class Placement {

    /** A stream takes two pairs: one facing each party. */
    static final int PAIRS_PER_STREAM = 2;

    private Placement() {
    }

    /**
     * @param nowMillis      the current time
     * @param staleMillis    a node silent this long is not placed on (it may be dead)
     * @param preferred      a node id or media address the proxy asked for
     * @param interfaces     the media interfaces (names or addresses) the request names
     */
    public static Optional<NodeRecord> choose(List<NodeRecord> nodes, long nowMillis, long staleMillis,
                                              Optional<String> preferred, List<String> interfaces) {
        List<NodeRecord> eligible = nodes.stream()
                .filter(n -> !n.draining())
                .filter(n -> nowMillis - n.updatedMillis() <= staleMillis)
                .filter(n -> n.freePairs() >= PAIRS_PER_STREAM)
                .filter(n -> interfaces.stream().allMatch(n::answersTo))
                .toList();
        if (preferred.isPresent()) {
            Optional<NodeRecord> asked = eligible.stream().filter(n -> n.isNamed(preferred.get())).findFirst();
            if (asked.isPresent()) {
                return asked;
            }
        }
        return eligible.stream().min(Comparator
                .comparingDouble((NodeRecord n) -> (double) n.sessions() / n.weight())
                .thenComparing(Comparator.comparingInt(NodeRecord::freePairs).reversed())
                .thenComparing(NodeRecord::id));
    }
}
