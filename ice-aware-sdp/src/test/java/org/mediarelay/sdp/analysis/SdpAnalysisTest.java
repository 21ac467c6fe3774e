package org.mediarelay.sdp.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mediarelay.sdp.AddressType;
import org.mediarelay.sdp.Direction;
import org.mediarelay.sdp.SdpParser;
import org.mediarelay.sdp.Vectors;

class SdpAnalysisTest {

    private static List<StreamInfo> streams(String body) {
        return SdpAnalysis.streams(SdpParser.parse(body));
    }

    @Test
    void plain_offer_gives_address_ports_and_direction_of_its_one_stream() {
        StreamInfo s = streams(Vectors.read("blink-plain-offer.sdp")).get(0);
        assertEquals(new StreamInfo(0, "audio", 50076, "RTP/AVP", true, Optional.of("192.168.99.23"),
                Optional.of(AddressType.IP4), 50077, Optional.of("192.168.99.23"), false, Direction.SENDRECV, false), s);
        assertTrue(s.hasMediaAddress());
    }

    @Test
    void rtcp_address_may_differ_from_the_connection_address() {
        StreamInfo s = streams(Vectors.read("blink-ice-offer.sdp")).get(0);
        assertEquals(Optional.of("192.168.99.23"), s.address());
        assertEquals(64250, s.rtcpPort());
        assertEquals(Optional.of("62.131.6.55"), s.rtcpAddress());
    }

    @Test
    void without_rtcp_attribute_rtcp_is_the_next_port_or_the_same_port_with_mux() {
        String head = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";
        assertEquals(4001, streams(head + "m=audio 4000 RTP/AVP 0\r\n").get(0).rtcpPort());
        StreamInfo mux = streams(head + "m=audio 4000 RTP/AVP 0\r\na=rtcp-mux\r\n").get(0);
        assertEquals(4000, mux.rtcpPort());
        assertTrue(mux.rtcpMux());
    }

    @Test
    void hold_reoffer_puts_audio_on_hold_and_disables_video() {
        List<StreamInfo> s = streams(Vectors.read("rfc3264-hold-reoffer.sdp"));
        assertEquals(Direction.SENDONLY, s.get(0).direction());
        assertTrue(s.get(0).hold());
        assertTrue(s.get(0).relayable());
        assertFalse(s.get(1).relayable());
        assertEquals(0, s.get(1).rtcpPort());
    }

    @Test
    void session_level_direction_and_unspecified_address_mean_hold() {
        String body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\na=inactive\r\n"
                + "m=audio 4000 RTP/AVP 0\r\n";
        StreamInfo s = streams(body).get(0);
        assertTrue(s.hold());
        assertEquals(Direction.INACTIVE, s.direction());
        assertFalse(s.hasMediaAddress());
    }

    @Test
    void fqdn_addresses_and_tcp_streams_are_reported_as_they_are() {
        List<StreamInfo> s = streams(Vectors.read("rfc3264-two-streams-offer.sdp"));
        assertEquals(Optional.of("host.atlanta.example.com"), s.get(1).address());
        assertEquals("video", s.get(1).media());
        String msrp = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=message 7394 TCP/MSRP *\r\n";
        assertFalse(streams(msrp).get(0).relayable());
    }
}
