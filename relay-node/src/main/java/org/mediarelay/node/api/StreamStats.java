package org.mediarelay.node.api;

import java.util.Objects;

/** Final or current counters of one relayed stream. */
public record StreamStats(int index, String media, PortPair callerFacing, PortPair calleeFacing,
                          PartyFlow fromCaller, PartyFlow fromCallee, StreamState state) {

    public StreamStats {
        Objects.requireNonNull(state);
    }

    public PartyFlow from(Party party) {
        return party == Party.CALLER ? fromCaller : fromCallee;
    }

    /** The relay's ports facing {@code party}. */
    public PortPair facing(Party party) {
        return party == Party.CALLER ? callerFacing : calleeFacing;
    }
}
