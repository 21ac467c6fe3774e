package org.mediarelay.dispatcher;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.node.api.PartyHints;
import org.mediarelay.sdp.analysis.StreamInfo;
import org.mediarelay.sdp.codec.Codec;
import org.mediarelay.sdp.ice.RemoteCandidate;

/**
 * Turns what a party's SDP (and the SIP message that carried it) says about a stream into hints for the node. Only
 * literal addresses count: a host name is never resolved on the signalling path, and {@code 0.0.0.0} (hold) names
 * no one. Whether an address is the relay's own (an ICE re-offer may name one) is the node's to judge: it knows its
 * sockets.
 */
final class Hints {

    private Hints() {
    }

    /** @param receivedFrom the SIP source address of the message (ng {@code received from}) */
    static PartyHints of(StreamInfo s, Optional<InetAddress> receivedFrom) {
        Optional<InetSocketAddress> rtp = s.hasMediaAddress()
                ? s.address().flatMap(IpLiteral::parse).map(a -> new InetSocketAddress(a, s.port()))
                : Optional.empty();
        Optional<InetSocketAddress> rtcp = s.hasMediaAddress() && s.rtcpPort() > 0
                ? s.rtcpAddress().flatMap(IpLiteral::parse).filter(a -> !a.isAnyLocalAddress())
                        .map(a -> new InetSocketAddress(a, s.rtcpPort()))
                : Optional.empty();
        return new PartyHints(rtp, rtcp, receivedFrom, s.rtcpMux(), s.ice().isPresent(), s.hold(), selected(s));
    }

    /**
     * An ICE re-offer names its selected pair: {@code a=remote-candidates} lists the remote side of it (RFC 8839
     * §4.2.3). Empty for any other SDP.
     */
    private static List<InetSocketAddress> selected(StreamInfo s) {
        if (!s.ice().isReofferWithSelectedPair()) {
            return List.of();
        }
        List<InetSocketAddress> remote = new ArrayList<>();
        for (RemoteCandidate c : s.ice().remoteCandidates()) {
            IpLiteral.parse(c.address()).ifPresent(a -> remote.add(new InetSocketAddress(a, c.port())));
        }
        return remote;
    }

    /** RTP clock rates of the stream's dynamic payload types, for the node's jitter figures. */
    static Map<Integer, Integer> clockRates(StreamInfo s) {
        Map<Integer, Integer> rates = new HashMap<>();
        for (Codec c : s.codecs()) {
            try {
                int pt = Integer.parseInt(c.payloadType());
                if (pt >= 96 && pt < 128 && c.clockRate() > 0 && c.clockRate() <= Integer.MAX_VALUE) {
                    rates.put(pt, (int) c.clockRate());
                }
            } catch (NumberFormatException notRtp) {
                // a non-RTP format (e.g. t38): no clock
            }
        }
        return rates;
    }
}
