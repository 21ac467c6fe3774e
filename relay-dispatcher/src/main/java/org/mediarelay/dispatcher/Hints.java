package org.mediarelay.dispatcher;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mediarelay.dispatcher.command.StreamsCommand;
import org.mediarelay.dispatcher.session.StreamSdp;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.node.api.PartyHints;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.api.Transport;
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

    /**
     * @param receivedFrom the SIP source address of the message (ng {@code received from})
     * @param override     the address the party's media comes from, in place of the SDP's (ng {@code media address},
     *                     {@code SIP source address}); the ports are still the SDP's
     */
    static PartyHints of(StreamInfo s, Optional<InetAddress> receivedFrom, Optional<InetAddress> override) {
        Optional<InetAddress> rtpAddress = override.or(() -> s.address().flatMap(IpLiteral::parse));
        Optional<InetSocketAddress> rtp = s.hasMediaAddress()
                ? rtpAddress.map(a -> new InetSocketAddress(a, s.port()))
                : Optional.empty();
        // One parsed address for both when a=rtcp names none of its own (or the same): a held call keeps these.
        Optional<InetSocketAddress> rtcp = s.hasMediaAddress() && s.rtcpPort() > 0
                ? override.or(() -> (s.rtcpAddress().equals(s.address()) ? rtpAddress
                                : s.rtcpAddress().flatMap(IpLiteral::parse)).filter(a -> !a.isAnyLocalAddress()))
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

    /**
     * The streams a MediaProxy-style description asks the relay to carry: those with a port. RTCP is on the next port
     * (the protocol says no more); a hold with {@code 0.0.0.0} names no address.
     */
    static List<StreamSetup> setups(List<StreamsCommand.MediaLine> media, Optional<InetAddress> signalling) {
        List<StreamSetup> setups = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            StreamsCommand.MediaLine m = media.get(i);
            if (!m.relayable()) {
                continue;
            }
            Optional<InetAddress> a = m.address().filter(x -> !x.isAnyLocalAddress());
            PartyHints hints = new PartyHints(a.map(x -> new InetSocketAddress(x, m.port())),
                    a.map(x -> new InetSocketAddress(x, m.port() + 1)), signalling, false, m.ice(), m.onHold(),
                    List.of());
            setups.add(new StreamSetup(i, m.type(), hints, Map.of()).withTransport(transportOf(m.type())));
        }
        return setups;
    }

    /**
     * The MediaProxy protocol names a stream's media type, not its protocol: {@code image} is T.38 over UDPTL (T.38
     * over RTP is rare, and UDPTL is read only for its sequence numbers), audio and video are RTP, anything else is
     * carried as it is.
     */
    static Transport transportOf(String type) {
        switch (type.toLowerCase(java.util.Locale.ROOT)) {
            case "audio":
            case "video":
                return Transport.RTP;
            case "image":
                return Transport.UDPTL;
            default:
                return Transport.OTHER;
        }
    }

    /** What a MediaProxy-style description said of each relayed stream: its address (no codecs: it has none). */
    static List<StreamSdp> described(List<StreamsCommand.MediaLine> media) {
        List<StreamSdp> out = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            StreamsCommand.MediaLine m = media.get(i);
            if (m.relayable()) {
                out.add(new StreamSdp(i, m.address().filter(x -> !x.isAnyLocalAddress())
                        .map(x -> IpLiteral.hostPort(x, m.port())), List.of()));
            }
        }
        return out;
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
