package org.mediarelay.sdp.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mediarelay.sdp.SdpParser;
import org.mediarelay.sdp.SessionDescription;
import org.mediarelay.sdp.Vectors;

class RelayRewriteTest {

    private static final RelayEndpoint RELAY = RelayEndpoint.of("203.0.113.5", 30000, 30001);

    private static String rewrite(String body, Map<Integer, RelayEndpoint> relays) {
        return RelayRewrite.apply(SdpParser.parse(body), relays).serialize();
    }

    /** The lines of {@code after} that differ from {@code before}, position by position (same line count). */
    private static List<String> changedLines(String before, String after) {
        List<String> a = Arrays.asList(before.split("\r\n", -1));
        List<String> b = Arrays.asList(after.split("\r\n", -1));
        assertEquals(a.size(), b.size(), "line count");
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                changed.add(b.get(i));
            }
        }
        return changed;
    }

    @Nested
    class PlainOffer {

        @Test
        void blink_offer_points_at_the_relay_and_every_other_line_is_byte_identical() {
            String before = Vectors.read("blink-plain-offer.sdp");
            String after = rewrite(before, Map.of(0, RELAY));
            assertEquals(List.of(
                    "c=IN IP4 203.0.113.5",
                    "m=audio 30000 RTP/AVP 0 8 9 101",
                    "a=rtcp:30001 IN IP4 203.0.113.5"), changedLines(before, after));
            assertEquals(before.replace("c=IN IP4 192.168.99.23", "c=IN IP4 203.0.113.5")
                    .replace("m=audio 50076 ", "m=audio 30000 ")
                    .replace("a=rtcp:50077 IN IP4 192.168.99.23", "a=rtcp:30001 IN IP4 203.0.113.5"), after);
        }

        @Test
        void rtcp_attribute_without_address_gets_only_the_port() {
            String body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                    + "m=audio 4000 RTP/AVP 0\r\na=rtcp:4005\r\n";
            assertEquals(body.replace("c=IN IP4 192.0.2.1", "c=IN IP4 203.0.113.5")
                    .replace("m=audio 4000", "m=audio 30000").replace("a=rtcp:4005", "a=rtcp:30001"),
                    rewrite(body, Map.of(0, RELAY)));
        }

        @Test
        void origin_is_left_alone() {
            String after = rewrite(Vectors.read("blink-plain-offer.sdp"), Map.of(0, RELAY));
            assertEquals("- 3484383368 3484383368 IN IP4 192.168.99.23", SdpParser.parse(after).origin().format());
        }

        @Test
        void an_ipv6_relay_gets_ip6_connection_lines() {
            String after = rewrite(Vectors.read("blink-plain-offer.sdp"), Map.of(0, RelayEndpoint.of("2001:db8::5", 30000, 30001)));
            SessionDescription sdp = SdpParser.parse(after);
            assertEquals("IN IP6 2001:db8::5", sdp.sessionConnection().orElseThrow().format());
            assertEquals("30001 IN IP6 2001:db8::5", sdp.media().get(0).rtcp().orElseThrow().format());
        }

        @Test
        void bare_lf_input_stays_bare_lf() {
            String body = Vectors.read("blink-plain-offer.sdp").replace("\r\n", "\n");
            String after = rewrite(body, Map.of(0, RELAY));
            assertEquals(-1, after.indexOf('\r'));
            assertEquals(body.split("\n").length, after.split("\n").length);
        }
    }

    @Nested
    class SeveralStreams {

        private final String twoStreams = Vectors.read("rfc3264-two-streams-offer.sdp");

        @Test
        void both_streams_relayed_to_one_address_rewrite_the_session_connection() {
            String after = rewrite(twoStreams, Map.of(0, RELAY, 1, RelayEndpoint.of("203.0.113.5", 30002, 30003)));
            assertEquals(List.of(
                    "c=IN IP4 203.0.113.5",
                    "m=audio 30000 RTP/AVP 0 8 97",
                    "m=video 30002 RTP/AVP 31 32"), changedLines(twoStreams, after));
        }

        @Test
        void streams_relayed_to_different_addresses_each_get_their_own_connection() {
            SessionDescription sdp = SdpParser.parse(rewrite(twoStreams,
                    Map.of(0, RELAY, 1, RelayEndpoint.of("203.0.113.9", 30002, 30003))));
            assertEquals("host.atlanta.example.com", sdp.sessionConnection().orElseThrow().address());
            assertEquals("203.0.113.5", sdp.media().get(0).connection().orElseThrow().address());
            assertEquals("203.0.113.9", sdp.media().get(1).connection().orElseThrow().address());
            assertEquals("c=IN IP4 203.0.113.5", sdp.media().get(0).lines().get(1).text(),
                    "media c= goes right after m=");
        }

        @Test
        void a_stream_the_relay_does_not_carry_keeps_the_session_connection() {
            String body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                    + "m=audio 4000 RTP/AVP 0\r\ni=voice\r\na=sendrecv\r\n"
                    + "m=message 7394 TCP/MSRP *\r\na=path:msrp://192.0.2.1:7394/abc;tcp\r\n";
            String after = rewrite(body, Map.of(0, RELAY));
            assertEquals("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                    + "m=audio 30000 RTP/AVP 0\r\ni=voice\r\nc=IN IP4 203.0.113.5\r\na=sendrecv\r\n"
                    + "m=message 7394 TCP/MSRP *\r\na=path:msrp://192.0.2.1:7394/abc;tcp\r\n", after);
        }

        @Test
        void a_disabled_stream_keeps_port_zero_and_does_not_hold_back_the_session_connection() {
            String reoffer = Vectors.read("rfc3264-hold-reoffer.sdp");
            String after = rewrite(reoffer, Map.of(0, RELAY));
            assertEquals(List.of("c=IN IP4 203.0.113.5", "m=audio 30000 RTP/AVP 0 8 97"), changedLines(reoffer, after));
            assertEquals(0, SdpParser.parse(after).media().get(1).mediaLine().port());
        }

        @Test
        void an_index_without_an_m_line_is_a_caller_bug() {
            assertThrows(IllegalArgumentException.class, () -> rewrite(twoStreams, Map.of(2, RELAY)));
        }
    }

    @Nested
    class Hold {

        @Test
        void unspecified_address_stays_so_that_hold_stays_recognisable() {
            String body = "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
                    + "m=audio 4000 RTP/AVP 0\r\na=rtcp:4001 IN IP4 0.0.0.0\r\na=sendonly\r\n";
            assertEquals(body.replace("m=audio 4000", "m=audio 30000").replace("a=rtcp:4001", "a=rtcp:30001"),
                    rewrite(body, Map.of(0, RELAY)));
        }

        @Test
        void with_ice_an_unspecified_address_is_no_hold_and_becomes_the_relay() {
            String body = "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n"
                    + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
                    + "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789abcdefghijkl\r\n";
            assertEquals(body.replace("m=audio 9 ", "m=audio 30000 ").replace("c=IN IP4 0.0.0.0", "c=IN IP4 203.0.113.5")
                    .replace("a=rtcp:9 IN IP4 0.0.0.0", "a=rtcp:30001 IN IP4 203.0.113.5"), rewrite(body, Map.of(0, RELAY)));
        }

        @Test
        void media_level_hold_stays_while_session_connection_moves_to_the_relay() {
            String body = "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                    + "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\n";
            assertEquals(body.replace("m=audio 4000", "m=audio 30000"), rewrite(body, Map.of(0, RELAY)));
        }
    }
}
