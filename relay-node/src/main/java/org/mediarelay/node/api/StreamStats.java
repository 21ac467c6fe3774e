package org.mediarelay.node.api;

/** Final or current counters of one relayed stream. */
public record StreamStats(int index, String media, PortPair callerFacing, PortPair calleeFacing,
                          PartyFlow fromCaller, PartyFlow fromCallee) {

    public PartyFlow from(Party party) {
        return party == Party.CALLER ? fromCaller : fromCallee;
    }
}
