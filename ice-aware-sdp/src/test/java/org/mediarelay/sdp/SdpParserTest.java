package org.mediarelay.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SdpParserTest {

    static Stream<String> vectors() {
        return Vectors.names().stream();
    }

    @Nested
    class Lossless {

        @ParameterizedTest
        @MethodSource("org.mediarelay.sdp.SdpParserTest#vectors")
        void every_real_client_vector_serializes_back_byte_for_byte(String name) {
            String body = Vectors.read(name);
            assertEquals(body, SdpParser.parse(body).serialize());
        }

        @ParameterizedTest
        @MethodSource("org.mediarelay.sdp.SdpParserTest#vectors")
        void bytes_are_the_same_as_the_text_one_byte_per_char(String name) {
            String body = Vectors.read(name);
            assertEquals(java.util.Arrays.toString(body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
                    java.util.Arrays.toString(SdpParser.parse(body).toBytes()));
        }

        @ParameterizedTest
        @MethodSource("org.mediarelay.sdp.SdpParserTest#vectors")
        void bare_lf_bodies_serialize_back_with_bare_lf(String name) {
            String body = Vectors.read(name).replace("\r\n", "\n");
            assertEquals(body, SdpParser.parse(body).serialize());
        }

        @Test
        void mixed_line_endings_and_a_last_line_without_ending_are_kept() {
            String body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\ns=-\r\nt=0 0\nm=audio 4000 RTP/AVP 0\r\na=sendrecv";
            SessionDescription sdp = SdpParser.parse(body);
            assertEquals(body, sdp.serialize());
            assertEquals("", sdp.media().get(0).lines().get(1).eol());
        }

        @Test
        void blank_lines_after_the_last_line_are_kept() {
            String body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n\r\n";
            SessionDescription sdp = SdpParser.parse(body);
            assertEquals("\r\n", sdp.trailer());
            assertEquals(body, sdp.serialize());
        }

        @Test
        void unknown_lines_and_attributes_pass_through_in_order() {
            String body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nz=0 -1h\r\nx-odd=keep me\r\nt=0 0\r\n"
                    + "a=x-vendor:  spaced   value \r\nm=audio 4000 RTP/AVP 0\r\nb=AS:64\r\na=weird\r\n";
            assertThrows(SdpSyntaxException.class, () -> SdpParser.parse(body),
                    "x-odd= is not <letter>=: the only kind of line refused");
            String valid = body.replace("x-odd=keep me\r\n", "y=keep me\r\n");
            SessionDescription sdp = SdpParser.parse(valid);
            assertEquals(valid, sdp.serialize());
            assertEquals(List.of('v', 'o', 's', 'z', 'y', 't', 'a'),
                    sdp.sessionLines().stream().map(SdpLine::type).toList());
        }

        @Test
        void non_ascii_bytes_survive_as_one_char_each() {
            String body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=J\u00c3\u00bcrgen \u00ff\u00fe\r\nt=0 0\r\n";
            assertEquals(body, SdpParser.parse(body).serialize());
        }
    }

    @Nested
    class TypedViews {

        @Test
        void media_line_with_port_count_and_formats() {
            MediaLine m = MediaLine.parse("video 49170/2 RTP/AVP 31 32");
            assertEquals("video", m.media());
            assertEquals(49170, m.port());
            assertEquals(OptionalInt.of(2), m.portCount());
            assertEquals("RTP/AVP", m.proto());
            assertEquals(List.of("31", "32"), m.formats());
            assertEquals("video 49170/2 RTP/AVP 31 32", m.format());
        }

        @Test
        void udp_transports_are_relayable_and_tcp_ones_are_not() {
            assertTrue(MediaLine.parse("audio 1 RTP/AVP 0").isUdpTransport());
            assertTrue(MediaLine.parse("audio 1 RTP/SAVPF 0").isUdpTransport());
            assertTrue(MediaLine.parse("audio 1 UDP/TLS/RTP/SAVPF 111").isUdpTransport());
            assertTrue(MediaLine.parse("image 1 udptl t38").isUdpTransport());
            assertTrue(MediaLine.parse("image 1 UDP/TLS/UDPTL t38").isUdpTransport());
            assertTrue(MediaLine.parse("application 1 UDP/BFCP *").isUdpTransport());
            assertTrue(MediaLine.parse("application 1 UDP/DTLS/SCTP webrtc-datachannel").isUdpTransport());
            assertTrue(MediaLine.parse("application 1 DTLS/SCTP 5000").isUdpTransport());
            assertTrue(MediaLine.parse("application 1 udp vendor").isUdpTransport());
            assertFalse(MediaLine.parse("message 1 TCP/MSRP *").isUdpTransport());
            assertFalse(MediaLine.parse("audio 1 TCP/RTP/AVP 0").isUdpTransport());
        }

        @Test
        void connection_keeps_multicast_suffix_and_knows_hold() {
            Connection c = Connection.parse("IN IP4 224.2.1.1/127/3");
            assertEquals("224.2.1.1", c.address());
            assertEquals("/127/3", c.suffix());
            assertEquals("IN IP4 224.2.1.1/127/3", c.format());
            assertTrue(Connection.parse("IN IP4 0.0.0.0").isUnspecified());
            assertFalse(Connection.parse("IN IP6 2001:db8::1").isUnspecified());
            assertEquals("host.atlanta.example.com", Connection.parse("IN IP4 host.atlanta.example.com").address());
        }

        @Test
        void rtcp_attribute_with_and_without_address() {
            assertEquals(new RtcpAttribute(53020, java.util.Optional.empty()), RtcpAttribute.parse("53020"));
            RtcpAttribute full = RtcpAttribute.parse("50077 IN IP4 192.168.99.23");
            assertEquals(50077, full.port());
            assertEquals("192.168.99.23", full.connection().orElseThrow().address());
            assertEquals("50077 IN IP4 192.168.99.23", full.format());
        }

        @Test
        void origin_version_increments_beyond_64_bits() {
            Origin o = Origin.parse("- 1 18446744073709551615 IN IP4 192.0.2.1");
            assertEquals("18446744073709551616", o.nextVersion().sessionVersion());
        }
    }

    @Nested
    class Errors {

        private final String head = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";

        @Test
        void a_bad_media_port_names_the_line_number_the_line_and_the_grammar() {
            SdpSyntaxException e = assertThrows(SdpSyntaxException.class,
                    () -> SdpParser.parse(head + "a=sendrecv\r\nm=audio x RTP/AVP 0\r\n"));
            assertEquals("invalid m= line 7: 'm=audio x RTP/AVP 0' (expected: m=<media> <port> <proto> <fmt>...)",
                    e.getMessage());
            assertEquals(7, e.lineNumber());
        }

        @Test
        void a_port_above_65535_is_refused() {
            assertThrows(SdpSyntaxException.class, () -> SdpParser.parse(head + "m=audio 65536 RTP/AVP 0\r\n"));
        }

        @Test
        void a_bad_connection_line_is_refused() {
            SdpSyntaxException e = assertThrows(SdpSyntaxException.class,
                    () -> SdpParser.parse(head + "m=audio 4000 RTP/AVP 0\r\nc=IN IP4\r\n"));
            assertEquals("invalid c= line 7: 'c=IN IP4' (expected: c=<nettype> <addrtype> <address>)", e.getMessage());
        }

        @Test
        void a_bad_rtcp_attribute_is_refused() {
            SdpSyntaxException e = assertThrows(SdpSyntaxException.class,
                    () -> SdpParser.parse(head + "m=audio 4000 RTP/AVP 0\r\na=rtcp:abc\r\n"));
            assertTrue(e.getMessage().startsWith("invalid a=rtcp line 7: 'a=rtcp:abc'"), e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"a=candidate", "a=candidate:", "a=rtcp", "a=rtcp:"})
        void a_relay_attribute_without_its_value_is_refused_at_once(String line) {
            SdpSyntaxException e = assertThrows(SdpSyntaxException.class,
                    () -> SdpParser.parse(head + "m=audio 4000 RTP/AVP 0\r\n" + line + "\r\n"));
            assertTrue(e.getMessage().contains("line 7: '" + line + "'"), e.getMessage());
        }

        @Test
        void a_bad_origin_is_refused() {
            assertThrows(SdpSyntaxException.class, () -> SdpParser.parse("v=0\r\no=- 1 x IN IP4 192.0.2.1\r\n"));
        }

        @Test
        void a_body_not_starting_with_v_is_refused() {
            SdpSyntaxException e = assertThrows(SdpSyntaxException.class, () -> SdpParser.parse("o=x\r\nv=0\r\n"));
            assertEquals("invalid first line 1: 'o=x' (expected: v=0)", e.getMessage());
        }

        @Test
        void a_line_that_is_not_type_equals_value_is_refused() {
            SdpSyntaxException e = assertThrows(SdpSyntaxException.class,
                    () -> SdpParser.parse("v=0\r\nhello world\r\n"));
            assertEquals("invalid line 2: 'hello world' (expected: <type>=<value> with type a-z)", e.getMessage());
        }

        @Test
        void a_blank_line_before_the_end_is_refused() {
            assertThrows(SdpSyntaxException.class, () -> SdpParser.parse("v=0\r\n\r\ns=-\r\n"));
        }

        @Test
        void control_characters_are_shown_escaped_in_the_message() {
            SdpSyntaxException e = assertThrows(SdpSyntaxException.class,
                    () -> SdpParser.parse("v=0\r\ns=a\u0000b\r\n"));
            assertTrue(e.getMessage().contains("'s=a\\x00b'"), e.getMessage());
        }

        @Test
        void empty_input_is_refused() {
            assertThrows(SdpSyntaxException.class, () -> SdpParser.parse(""));
        }

        @Test
        void oversize_input_is_refused_before_it_is_split() {
            SdpParser small = new SdpParser(new SdpLimits(100, 10, 2, 50, 5));
            SdpSyntaxException e = assertThrows(SdpSyntaxException.class, () -> small.parseBody("v=0\r\n" + "x".repeat(200)));
            assertEquals("SDP too large: 205 bytes (limit 100)", e.getMessage());
        }

        @Test
        void too_many_streams_lines_or_long_lines_are_refused() {
            SdpParser small = new SdpParser(new SdpLimits(10_000, 10, 2, 50, 5));
            String three = "v=0\r\nm=audio 1 RTP/AVP 0\r\nm=audio 2 RTP/AVP 0\r\nm=audio 3 RTP/AVP 0\r\n";
            assertEquals("SDP has too many m= lines (limit 2)",
                    assertThrows(SdpSyntaxException.class, () -> small.parseBody(three)).getMessage());
            assertThrows(SdpSyntaxException.class, () -> small.parseBody("v=0\r\n" + "a=x\r\n".repeat(10)));
            assertThrows(SdpSyntaxException.class, () -> small.parseBody("v=0\r\na=" + "y".repeat(60) + "\r\n"));
        }
    }
}
