package org.mediarelay.node.api;

/** The port pairs of one stream: one faces the caller, one faces the callee. */
public record StreamPorts(int index, PortPair callerFacing, PortPair calleeFacing) {

    /** The pair that receives from (and sends to) this party. */
    public PortPair facing(Party party) {
        return party == Party.CALLER ? callerFacing : calleeFacing;
    }
}
