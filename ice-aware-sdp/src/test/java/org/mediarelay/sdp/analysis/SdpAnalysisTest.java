package org.mediarelay.sdp.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mediarelay.sdp.AddressType;
import org.mediarelay.sdp.Corpus;
import org.mediarelay.sdp.Direction;
import org.mediarelay.sdp.SdpParser;
import org.mediarelay.sdp.Vectors;
import org.mediarelay.sdp.attribute.Group;
import org.mediarelay.sdp.codec.Codec;

class SdpAnalysisTest {

    private static List<StreamInfo> streams(String body) {
        return SdpAnalysis.streams(SdpParser.parse(body));
    }

    @Nested
    class Transport {

        @Test
        void plain_offer_gives_address_ports_and_direction_of_its_one_stream() {
            StreamInfo s = streams(Vectors.read("blink-plain-offer.sdp")).get(0);
            assertEquals(0, s.index());
            assertEquals("audio", s.media());
            assertEquals(50076, s.port());
            assertEquals("RTP/AVP", s.proto());
            assertTrue(s.relayable());
            assertEquals(Optional.of("192.168.99.23"), s.address());
            assertEquals(Optional.of(AddressType.IP4), s.addressType());
            assertEquals(50077, s.rtcpPort());
            assertEquals(Optional.of("192.168.99.23"), s.rtcpAddress());
            assertFalse(s.rtcpMux());
            assertEquals(Direction.SENDRECV, s.direction());
            assertFalse(s.hold());
            assertTrue(s.hasMediaAddress());
            assertFalse(s.ice().hasCredentials());
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
        void fqdn_and_ipv6_addresses_and_streams_of_every_transport_are_reported_as_they_are() {
            List<StreamInfo> rfc8866 = streams(Corpus.read("rfc8866-section5-example.sdp"));
            assertEquals(Optional.of("2001:db8::2"), rfc8866.get(2).address());
            assertEquals(Optional.of(AddressType.IP6), rfc8866.get(2).addressType());
            assertEquals(Optional.of("host.atlanta.example.com"),
                    streams(Vectors.read("rfc3264-two-streams-offer.sdp")).get(1).address());
            assertTrue(streams(Corpus.read("firefox63-datachannel-udp-dtls-sctp.sdp")).get(0).relayable(),
                    "a data channel runs over UDP (RFC 8841): the relay carries it like any UDP media");
            assertTrue(streams(Corpus.read("t38-reinvite-image-udptl.sdp")).get(0).relayable());
        }
    }

    @Nested
    class Ice {

        @Test
        void media_level_ice_with_candidates_of_both_components() {
            IceInfo ice = streams(Vectors.read("sipsimple-ice-offer.sdp")).get(0).ice();
            assertEquals(Optional.of("76e08623"), ice.ufrag());
            assertEquals(Optional.of("4e2db26f"), ice.pwd());
            assertTrue(ice.isPresent());
            assertEquals(6, ice.candidates().size());
            assertTrue(ice.hasComponent(2));
            assertFalse(ice.isReofferWithSelectedPair());
        }

        @Test
        void session_level_credentials_lite_and_options_apply_to_every_stream() {
            IceInfo rfc8839 = streams(Corpus.read("rfc8839-section4.2.6-ice-example.sdp")).get(0).ice();
            assertEquals(Optional.of("8hhY"), rfc8839.ufrag());
            assertEquals(List.of("ice2"), rfc8839.options());
            assertTrue(streams(Corpus.read("sdptransform-icelite-gateway.sdp")).get(0).ice().lite());
            List<StreamInfo> baresip = streams(Corpus.read("baresip-ice-dtls-audio-video.sdp"));
            assertTrue(baresip.get(1).ice().isPresent(), "video inherits the session-level credentials");
            assertFalse(baresip.get(0).ice().hasComponent(2));
        }

        @Test
        void an_updated_offer_with_remote_candidates_names_the_selected_candidate() {
            String reoffer = Vectors.read("sipsimple-ice-offer.sdp")
                    .replace("c=IN IP4 62.131.6.55", "c=IN IP4 192.168.99.53")
                    .replace("m=audio 49732 ", "m=audio 51641 ")
                    .replace("a=sendrecv", "a=remote-candidates:1 192.0.2.44 40000 2 192.0.2.44 40001\r\na=sendrecv");
            IceInfo ice = streams(reoffer).get(0).ice();
            assertTrue(ice.isReofferWithSelectedPair());
            assertEquals("Hc0a86335", ice.selected().orElseThrow().foundation());
            assertEquals(2, ice.remoteCandidates().size());
        }

        @Test
        void trickle_and_end_of_candidates_are_seen() {
            IceInfo ice = streams(Corpus.read("sdptransform-jsep-bundle-trickle.sdp")).get(1).ice();
            assertEquals(List.of("trickle"), ice.options());
            assertTrue(ice.endOfCandidates());
        }
    }

    @Nested
    class Codecs {

        @Test
        void formats_are_named_from_rtpmap_or_the_static_table_with_their_fmtp() {
            List<Codec> c = streams(Vectors.read("blink-plain-offer.sdp")).get(0).codecs();
            assertEquals(List.of("PCMU/8000", "PCMA/8000", "G722/8000", "telephone-event/8000"),
                    c.stream().map(Codec::label).toList());
            assertEquals(Optional.of("0-15"), c.get(3).parameters());
            assertEquals("opus/48000/2",
                    streams(Corpus.read("chrome-audio-ipv6-host-candidates.sdp")).get(0).codecs().get(0).label());
        }

        @Test
        void an_unreadable_rtpmap_costs_only_that_codecs_name() {
            String body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                    + "m=audio 4000 RTP/AVP 8 101\r\na=rtpmap:101 .\r\n";
            assertEquals(List.of("PCMA/8000"), streams(body).get(0).codecs().stream().map(Codec::label).toList());
        }

        @Test
        void non_rtp_streams_have_no_codecs() {
            assertEquals(List.of(), streams(Corpus.read("t38-reinvite-image-udptl.sdp")).get(0).codecs());
        }
    }

    @Nested
    class Bundle {

        @Test
        void bundle_groups_and_mids_are_read() {
            var sdp = SdpParser.parse(Corpus.read("rfc8843-section18.1-bundle-answer-shared-port.sdp"));
            assertEquals(List.of(new Group("BUNDLE", List.of("foo", "bar"))), SdpAnalysis.bundleGroups(sdp));
            List<StreamInfo> s = SdpAnalysis.streams(sdp);
            assertEquals(Optional.of("foo"), s.get(0).mid());
            assertEquals(s.get(0).port(), s.get(1).port());
        }
    }
}
