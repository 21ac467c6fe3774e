package org.mediarelay.sdp.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.SdpLine;
import org.mediarelay.sdp.SdpParser;
import org.mediarelay.sdp.Vectors;
import org.mediarelay.sdp.ice.CandidateType;
import org.mediarelay.sdp.ice.IceCandidate;

class RelayCandidatesTest {

    private static final RelayEndpoint SEED_RELAY = RelayEndpoint.of("85.17.186.6", 51354, 51355);

    private static String mangle(String body, RelayEndpoint relay) {
        return SdpMangler.mangle(SdpParser.parse(body), Map.of(0, relay), MangleOptions.DEFAULT).serialize();
    }

    private static List<IceCandidate> candidates(MediaSection m) {
        return m.lines().stream().filter(l -> l.isAttribute(IceCandidate.NAME))
                .map(l -> IceCandidate.parse(l.attributeValue().orElseThrow())).collect(Collectors.toList());
    }

    @Nested
    class TheSeedTalk {

        @Test
        void sipsimple_offer_mangled_for_the_seed_relay_is_the_fixed_sdp_but_for_the_relay_foundation() {
            String out = mangle(Vectors.read("sipsimple-ice-offer.sdp"), SEED_RELAY);
            String expected = Vectors.read("sipsimple-ice-mangled-fixed.sdp").replace("R6ba1155", "R5511ba06");
            assertEquals(expected, out);
        }

        @Test
        void the_foundation_is_the_relay_ipv4_address_in_hex_whatever_the_stream() {
            String out = mangle(Vectors.read("blink-ice-offer.sdp"), SEED_RELAY);
            assertTrue(out.contains("a=candidate:R5511ba06 1 UDP 16777215 85.17.186.6 51354 typ relay raddr 85.17.186.6 rport 51354\r\n"));
            assertTrue(out.contains("a=candidate:R5511ba06 2 UDP 16777214 85.17.186.6 51355 typ relay raddr 85.17.186.6 rport 51355\r\n"));
        }

        @Test
        void blink_offer_keeps_its_four_candidates_in_order_after_the_two_relay_candidates() {
            String in = Vectors.read("blink-ice-offer.sdp");
            MediaSection before = SdpParser.parse(in).media().get(0);
            MediaSection after = SdpParser.parse(mangle(in, SEED_RELAY)).media().get(0);
            List<IceCandidate> c = candidates(after);
            assertEquals(6, c.size());
            assertEquals(candidates(before), c.subList(2, 6));
            assertTrue(c.get(0).type().is(CandidateType.RELAY) && c.get(1).type().is(CandidateType.RELAY));
        }
    }

    @Nested
    class Priorities {

        @Test
        void relay_candidates_go_below_an_ice_lite_gateways_very_low_priorities() throws Exception {
            String in = new String(RelayCandidatesTest.class.getResourceAsStream("/corpus/sdptransform-icelite-gateway.sdp")
                    .readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            List<IceCandidate> c = candidates(SdpParser.parse(mangle(in, RelayEndpoint.of("203.0.113.5", 30000, 30001)))
                    .media().get(0));
            assertEquals(new IceCandidate("Rcb007105", 1, "UDP", 658943, "203.0.113.5", 30000, CandidateType.RELAY,
                    Optional.of("203.0.113.5"), java.util.OptionalInt.of(30000), List.of()), c.get(0));
            assertEquals(658942, c.get(1).priority());
            assertTrue(c.get(0).priority() < 659136 && c.get(1).priority() < 659134);
        }
    }

    @Nested
    class Components {

        private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789abcdefghijkl\r\nm=audio 4000 RTP/AVP 0\r\n";

        @Test
        void an_endpoint_that_offers_only_component_1_gets_only_a_component_1_relay_candidate() {
            String out = mangle(HEAD + "a=rtcp-mux\r\na=candidate:1 1 UDP 2130706431 192.0.2.1 4000 typ host\r\n",
                    RelayEndpoint.of("203.0.113.5", 30000, 30001));
            List<IceCandidate> c = candidates(SdpParser.parse(out).media().get(0));
            assertEquals(List.of(1, 1), c.stream().map(IceCandidate::component).toList());
        }

        @Test
        void a_trickle_offer_without_candidates_gets_relay_candidates_for_rtp_and_rtcp_before_end_of_candidates() {
            String out = mangle(HEAD.replace("a=ice-ufrag", "a=ice-options:trickle\r\na=ice-ufrag")
                    + "a=sendrecv\r\na=end-of-candidates\r\n", RelayEndpoint.of("203.0.113.5", 30000, 30001));
            List<SdpLine> lines = SdpParser.parse(out).media().get(0).lines();
            assertEquals("a=candidate:Rcb007105 1 UDP 16777215 203.0.113.5 30000 typ relay raddr 203.0.113.5 rport 30000",
                    lines.get(lines.size() - 3).text());
            assertEquals("a=candidate:Rcb007105 2 UDP 16777214 203.0.113.5 30001 typ relay raddr 203.0.113.5 rport 30001",
                    lines.get(lines.size() - 2).text());
            assertEquals("a=end-of-candidates", lines.get(lines.size() - 1).text());
        }

        @Test
        void a_trickle_offer_without_candidates_that_muxes_rtcp_gets_a_component_1_relay_candidate_only() {
            String out = mangle(HEAD + "a=rtcp-mux\r\n", RelayEndpoint.of("203.0.113.5", 30000, 30001));
            assertEquals(List.of(1), candidates(SdpParser.parse(out).media().get(0)).stream()
                    .map(IceCandidate::component).toList());
        }

        @Test
        void a_trickle_offer_whose_mux_the_relay_requires_gets_a_component_1_relay_candidate_only() {
            MangleOptions require = new MangleOptions(IceMode.RELAY_CANDIDATE, false, Optional.empty(),
                    MangleOptions.MuxChange.REQUIRE);
            String out = SdpMangler.mangle(SdpParser.parse(HEAD), Map.of(0, RelayEndpoint.of("203.0.113.5", 30000,
                    30001)), require).serialize();
            assertEquals(List.of(1), candidates(SdpParser.parse(out).media().get(0)).stream()
                    .map(IceCandidate::component).toList());
            assertTrue(out.contains("a=rtcp-mux\r\n"), out);
        }

        @Test
        void appended_after_a_last_line_without_ending_the_candidates_do_not_run_into_it() {
            String body = HEAD.replace("m=audio 4000 RTP/AVP 0\r\n", "m=audio 4000 RTP/AVP 0\r\na=sendrecv");
            String out = mangle(body, RelayEndpoint.of("203.0.113.5", 30000, 30001));
            assertTrue(out.endsWith("a=sendrecv\r\na=candidate:Rcb007105 1 UDP 16777215 203.0.113.5 30000 typ relay "
                    + "raddr 203.0.113.5 rport 30000\r\na=candidate:Rcb007105 2 UDP 16777214 203.0.113.5 30001 typ relay "
                    + "raddr 203.0.113.5 rport 30001"), out);
            assertEquals(out, SdpParser.parse(out).serialize());
        }

        @Test
        void a_stream_without_ice_gets_no_candidate() {
            String in = Vectors.read("blink-plain-offer.sdp");
            assertTrue(!mangle(in, SEED_RELAY).contains("a=candidate"));
        }
    }

    @Nested
    class Determinism {

        @Test
        void mangling_the_output_again_adds_nothing() {
            String once = mangle(Vectors.read("sipsimple-ice-offer.sdp"), SEED_RELAY);
            assertEquals(once, mangle(once, SEED_RELAY));
        }

        @Test
        void a_foundation_an_endpoint_already_uses_is_not_taken() {
            String in = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\na=ice-ufrag:abcd\r\n"
                    + "a=ice-pwd:0123456789abcdefghijkl\r\nm=audio 4000 RTP/AVP 0\r\n"
                    + "a=candidate:Rcb007105 1 UDP 2130706431 192.0.2.1 4000 typ host\r\n";
            assertTrue(mangle(in, RelayEndpoint.of("203.0.113.5", 30000, 30001))
                    .contains("a=candidate:Rcb007105r 1 UDP 16777215 203.0.113.5 30000 typ relay"));
        }

        @Test
        void an_ipv6_relay_gets_a_checksum_foundation_and_its_own_address_as_raddr() {
            String out = mangle(Vectors.read("sipsimple-ice-offer.sdp"), RelayEndpoint.of("2001:db8::5", 51354, 51355));
            IceCandidate relay = candidates(SdpParser.parse(out).media().get(0)).get(0);
            assertEquals("2001:db8::5", relay.address());
            assertEquals(Optional.of("2001:db8::5"), relay.relatedAddress());
            assertTrue(relay.foundation().matches("R[0-9a-f]{8}"), relay.foundation());
            assertTrue(out.contains("c=IN IP6 2001:db8::5\r\n"));
        }
    }
}
