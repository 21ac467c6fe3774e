package org.mediarelay.sdp.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mediarelay.sdp.SdpParser;

/** Which addresses a reader sees: holds in the relay's family, what replace session-connection and zero-address do. */
class ConnectionOptionsTest {

    private static final RelayEndpoint RELAY4 = RelayEndpoint.of("203.0.113.5", 30000, 30001);
    private static final RelayEndpoint RELAY6 = RelayEndpoint.of("2001:db8::5", 30000, 30001);
    private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\n";

    private static String mangle(String body, Map<Integer, RelayEndpoint> relays, MangleOptions options) {
        return SdpMangler.mangle(SdpParser.parse(body), relays, options).serialize();
    }

    @Nested
    class Holds {

        @Test
        void an_ipv6_hold_read_through_an_ipv4_relay_is_the_ipv4_hold() {
            String in = HEAD + "c=IN IP6 ::\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtcp:4001 IN IP6 ::\r\na=sendonly\r\n";
            assertEquals(HEAD + "c=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0\r\na=rtcp:30001 IN IP4 0.0.0.0\r\n"
                    + "a=sendonly\r\n", mangle(in, Map.of(0, RELAY4), MangleOptions.DEFAULT));
        }

        @Test
        void an_ipv4_media_level_hold_read_through_an_ipv6_relay_is_the_ipv6_hold() {
            String in = HEAD + "c=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\n";
            assertEquals(HEAD + "c=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0\r\nc=IN IP6 ::\r\n",
                    mangle(in, Map.of(0, RELAY6), MangleOptions.DEFAULT));
        }

        @Test
        void a_hold_in_the_relays_family_is_byte_identical() {
            String in = HEAD + "c=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
            assertEquals(in.replace("m=audio 4000", "m=audio 30000"), mangle(in, Map.of(0, RELAY4),
                    MangleOptions.DEFAULT));
        }
    }

    @Nested
    class ZeroAddress {

        private final MangleOptions zero = MangleOptions.DEFAULT.withConnections(false, true);

        @Test
        void a_hold_by_address_names_the_relay_and_says_sendonly() {
            String in = HEAD + "c=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
            assertEquals(HEAD + "c=IN IP4 203.0.113.5\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0\r\na=sendonly\r\n",
                    mangle(in, Map.of(0, RELAY4), zero));
        }

        @Test
        void sendrecv_becomes_sendonly_and_recvonly_becomes_inactive_in_place() {
            String in = HEAD + "t=0 0\r\nm=audio 4000 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\na=sendrecv\r\na=ptime:20\r\n"
                    + "m=audio 4002 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\na=recvonly\r\n";
            assertEquals(HEAD + "t=0 0\r\nm=audio 30000 RTP/AVP 0\r\nc=IN IP4 203.0.113.5\r\na=sendonly\r\na=ptime:20\r\n"
                    + "m=audio 30002 RTP/AVP 0\r\nc=IN IP4 203.0.113.5\r\na=inactive\r\n",
                    mangle(in, Map.of(0, RELAY4, 1, RelayEndpoint.of("203.0.113.5", 30002, 30003)), zero));
        }

        @Test
        void an_inactive_hold_keeps_its_direction() {
            String in = HEAD + "c=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=inactive\r\n";
            assertEquals(HEAD + "c=IN IP4 203.0.113.5\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0\r\na=inactive\r\n",
                    mangle(in, Map.of(0, RELAY4), zero));
        }
    }

    @Nested
    class SessionConnection {

        private static final String CISCO = HEAD + "c=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
                + "c=IN IP4 192.0.2.7\r\n";

        @Test
        void by_default_a_session_connection_no_stream_relies_on_is_left_as_it_was() {
            assertEquals(HEAD + "c=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0\r\nc=IN IP4 203.0.113.5\r\n",
                    mangle(CISCO, Map.of(0, RELAY4), MangleOptions.DEFAULT));
        }

        @Test
        void asked_for_it_names_the_relay_so_no_endpoint_address_is_left() {
            String out = mangle(CISCO, Map.of(0, RELAY4), MangleOptions.DEFAULT.withConnections(true, false));
            assertEquals(HEAD + "c=IN IP4 203.0.113.5\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0\r\nc=IN IP4 203.0.113.5\r\n",
                    out);
            assertFalse(out.contains("192.0.2.7") || out.contains("c=IN IP4 192.0.2.1"), out);
        }

        @Test
        void a_stream_the_relay_does_not_carry_keeps_the_address_it_relied_on_in_a_line_of_its_own() {
            String in = HEAD + "c=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
                    + "m=message 2855 TCP/MSRP *\r\na=path:msrp://192.0.2.1:2855/x;tcp\r\n";
            assertEquals(HEAD + "c=IN IP4 203.0.113.5\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0\r\n"
                    + "m=message 2855 TCP/MSRP *\r\nc=IN IP4 192.0.2.1\r\na=path:msrp://192.0.2.1:2855/x;tcp\r\n",
                    mangle(in, Map.of(0, RELAY4), MangleOptions.DEFAULT.withConnections(true, false)));
        }
    }
}
