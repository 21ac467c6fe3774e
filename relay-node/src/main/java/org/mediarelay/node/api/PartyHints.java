package org.mediarelay.node.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one party's latest SDP (and the SIP message that carried it) says about one stream: where it receives RTP
 * and RTCP, where its signalling came from, whether it multiplexes RTCP, does ICE, or holds. The node sends to the
 * SDP addresses until it has learned the party's real source; the addresses rank the sources it learns from.
 *
 * @param rtp        the SDP address and port for RTP; empty for a hold with {@code 0.0.0.0} or a host name
 * @param rtcp       the same for RTCP ({@code a=rtcp}, else RTP port + 1)
 * @param signalling the SIP source address of the message (ng {@code received from}), if the proxy gave it
 * @param rtcpMux    the party sends and expects RTCP on the RTP port ({@code a=rtcp-mux})
 * @param ice        the party does ICE on this stream (credentials and candidates)
 * @param hold       the party put the stream on hold ({@code sendonly}, {@code inactive}, {@code 0.0.0.0})
 * @param iceSelected in an ICE re-offer that names the pair ICE selected, the remote side of that pair
 *                    ({@code a=remote-candidates}, RFC 8839 §4.2.3); empty otherwise. The node tells from it whether
 *                    the pair goes through the relay.
 */
public record PartyHints(Optional<InetSocketAddress> rtp, Optional<InetSocketAddress> rtcp,
                         Optional<InetAddress> signalling, boolean rtcpMux, boolean ice, boolean hold,
                         List<InetSocketAddress> iceSelected) {

    public static final PartyHints NONE = new PartyHints(Optional.empty(), Optional.empty(), Optional.empty(), false,
            false, false, List.of());

    public PartyHints {
        Objects.requireNonNull(rtp);
        Objects.requireNonNull(rtcp);
        Objects.requireNonNull(signalling);
        iceSelected = List.copyOf(iceSelected);
    }

    /** Plain RTP at these addresses: no signalling address, no mux, no ICE, no hold. */
    public static PartyHints at(InetSocketAddress rtp, InetSocketAddress rtcp) {
        return new PartyHints(Optional.of(rtp), Optional.of(rtcp), Optional.empty(), false, false, false, List.of());
    }

    public Optional<InetSocketAddress> of(Component c) {
        return c == Component.RTP ? rtp : rtcp;
    }

    public PartyHints withSignalling(InetAddress address) {
        return new PartyHints(rtp, rtcp, Optional.of(address), rtcpMux, ice, hold, iceSelected);
    }

    public PartyHints withMux(boolean mux) {
        return new PartyHints(rtp, rtcp, signalling, mux, ice, hold, iceSelected);
    }

    public PartyHints withIce(boolean doesIce, List<InetSocketAddress> selected) {
        return new PartyHints(rtp, rtcp, signalling, rtcpMux, doesIce, hold, selected);
    }

    public PartyHints withHold(boolean onHold) {
        return new PartyHints(rtp, rtcp, signalling, rtcpMux, ice, onHold, iceSelected);
    }
}
