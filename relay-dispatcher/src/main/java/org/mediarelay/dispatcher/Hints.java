package org.mediarelay.dispatcher;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.node.api.PartyHints;
import org.mediarelay.sdp.analysis.StreamInfo;

/**
 * Turns what a party's SDP says about a stream into latching hints for the node. Only literal addresses count: a host
 * name is never resolved on the signalling path, and {@code 0.0.0.0} (hold) names no one.
 */
final class Hints {

    private Hints() {
    }

    static PartyHints of(StreamInfo s) {
        Optional<InetSocketAddress> rtp = s.hasMediaAddress()
                ? s.address().flatMap(IpLiteral::parse).map(a -> new InetSocketAddress(a, s.port()))
                : Optional.empty();
        Optional<InetSocketAddress> rtcp = s.hasMediaAddress() && s.rtcpPort() > 0
                ? s.rtcpAddress().flatMap(IpLiteral::parse).filter(a -> !a.isAnyLocalAddress())
                        .map(a -> new InetSocketAddress(a, s.rtcpPort()))
                : Optional.empty();
        return new PartyHints(rtp, rtcp);
    }
}
