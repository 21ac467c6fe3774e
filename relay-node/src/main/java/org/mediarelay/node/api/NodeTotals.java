package org.mediarelay.node.api;

import java.util.Map;
import java.util.Objects;

/**
 * A relay node's counters since start, for metrics: open sessions and streams, port pairs, and what it forwarded
 * from each party (open and closed sessions alike).
 *
 * @param fromParty by the party that sent it: {@code CALLER} is the caller-to-callee direction
 */
public record NodeTotals(int sessions, int streams, int freePairs, int totalPairs, Map<Party, FlowTotals> fromParty,
                         KernelTotals kernel) {

    public NodeTotals {
        fromParty = Map.copyOf(fromParty);
        Objects.requireNonNull(fromParty.get(Party.CALLER));
        Objects.requireNonNull(fromParty.get(Party.CALLEE));
        Objects.requireNonNull(kernel);
    }
}
