package org.mediarelay.node.kernel;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One direction of one stream in the kernel: RTP from {@code source} to the relay's {@code relayIn} leaves from
 * {@code relayOut} to {@code destination}. Nothing else matches it: another source, RTCP, STUN and DTLS reach the
 * relay's socket as before.
 *
 * @param id the route's number in the node's table (its packet mark in the rule, and its element of {@code counted})
 */
public record KernelRoute(int id, InetSocketAddress source, InetSocketAddress relayIn, InetSocketAddress relayOut,
                          InetSocketAddress destination) {

    public KernelRoute {
        if (id <= 0) {
            throw new IllegalArgumentException("route ids start at 1");
        }
        for (InetSocketAddress a : new InetSocketAddress[] {source, relayIn, relayOut, destination}) {
            Objects.requireNonNull(a);
            if (!(a.getAddress() instanceof Inet4Address) || a.getAddress().isAnyLocalAddress()) {
                throw new IllegalArgumentException("the kernel path takes IPv4 unicast addresses only: " + a);
            }
        }
    }

    /** The same endpoints as {@code other}, whatever their ids. */
    public boolean sameAs(KernelRoute other) {
        return source.equals(other.source) && relayIn.equals(other.relayIn) && relayOut.equals(other.relayOut)
                && destination.equals(other.destination);
    }
}
