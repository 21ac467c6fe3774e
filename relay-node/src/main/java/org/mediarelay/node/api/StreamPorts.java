package org.mediarelay.node.api;

import java.util.Objects;

/**
 * The port pairs of one stream: one faces the caller, one faces the callee, each on a media interface of the node.
 *
 * @param callerAddress the address the caller sends to (the advertised address of the interface facing it)
 * @param calleeAddress the same for the callee
 */
public record StreamPorts(int index, PortPair callerFacing, PortPair calleeFacing, String callerAddress,
                          String calleeAddress) {

    public StreamPorts {
        Objects.requireNonNull(callerAddress);
        Objects.requireNonNull(calleeAddress);
    }

    /** The pair that receives from (and sends to) this party. */
    public PortPair facing(Party party) {
        return party == Party.CALLER ? callerFacing : calleeFacing;
    }

    /** The address this party sends to. */
    public String address(Party party) {
        return party == Party.CALLER ? callerAddress : calleeAddress;
    }
}
