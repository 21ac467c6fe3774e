package org.mediarelay.tests;

import java.net.InetSocketAddress;
import org.mediarelay.node.testing.UdpPeer;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.SdpParser;
import org.mediarelay.sdp.SessionDescription;
import org.mediarelay.sdp.Vectors;

/** SDP bodies for test calls whose parties are real sockets on loopback. */
final class Calls {

    private Calls() {
    }

    /**
     * Blink's plain offer (a real client's SDP), with its private address and ports replaced by the caller's loopback
     * sockets, so that anything the relay sends to the caller stays on this machine.
     */
    static String blinkOfferFrom(UdpPeer rtp, UdpPeer rtcp) {
        return Vectors.read("blink-plain-offer.sdp")
                .replace("192.168.99.23", "127.0.0.1")
                .replace("m=audio 50076 ", "m=audio " + rtp.port() + " ")
                .replace("a=rtcp:50077 ", "a=rtcp:" + rtcp.port() + " ");
    }

    static String answerFrom(UdpPeer rtp, UdpPeer rtcp) {
        return "v=0\r\no=callee 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + rtp.port() + " RTP/AVP 0 101\r\na=rtcp:" + rtcp.port() + "\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
    }

    /** An ICE agent's SDP (one host candidate, rtcp-mux) at this socket. */
    static String iceSdpFrom(String origin, UdpPeer media) {
        return "v=0\r\no=" + origin + " 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + media.port() + " RTP/AVP 0\r\na=rtcp-mux\r\na=ice-ufrag:" + origin
                + "\r\na=ice-pwd:" + origin + "0123456789abcdefghij\r\n"
                + "a=candidate:1 1 UDP 2130706431 127.0.0.1 " + media.port() + " typ host\r\na=sendrecv\r\n";
    }

    /** Where the reader of this SDP must send RTP: its connection address and first m= port. */
    static InetSocketAddress rtpTarget(String sdp) {
        SessionDescription d = SdpParser.parse(sdp);
        MediaSection m = d.media().get(0);
        String address = m.connection().or(d::sessionConnection).orElseThrow().address();
        return new InetSocketAddress(address, m.mediaLine().port());
    }

    static InetSocketAddress rtcpTarget(String sdp) {
        SessionDescription d = SdpParser.parse(sdp);
        MediaSection m = d.media().get(0);
        String address = m.connection().or(d::sessionConnection).orElseThrow().address();
        return new InetSocketAddress(address, m.rtcp().orElseThrow().port());
    }
}
