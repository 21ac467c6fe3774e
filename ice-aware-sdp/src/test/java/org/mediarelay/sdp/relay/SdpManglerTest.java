package org.mediarelay.sdp.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mediarelay.sdp.Corpus;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.SdpParser;
import org.mediarelay.sdp.SessionDescription;
import org.mediarelay.sdp.Vectors;
import org.mediarelay.sdp.ice.IceAttributes;

class SdpManglerTest {

    private static final RelayEndpoint RELAY = RelayEndpoint.of("203.0.113.5", 30000, 30001);

    private static SessionDescription mangle(String body, Map<Integer, RelayEndpoint> relays, MangleOptions options) {
        return SdpMangler.mangle(SdpParser.parse(body), relays, options);
    }

    @Nested
    class IceRemove {

        @Test
        void every_ice_attribute_goes_from_relayed_streams_and_the_session() {
            SessionDescription out = mangle(Corpus.read("baresip-ice-dtls-audio-video.sdp"),
                    Map.of(0, RELAY, 1, RelayEndpoint.of("203.0.113.5", 30002, 30003)),
                    MangleOptions.DEFAULT.withIce(IceMode.REMOVE));
            assertTrue(out.sessionLines().stream().noneMatch(IceAttributes::isIce));
            assertTrue(out.media().stream().flatMap(m -> m.lines().stream()).noneMatch(IceAttributes::isIce));
            assertTrue(out.serialize().contains("a=fingerprint:SHA-256 "), "DTLS attributes are not ICE");
        }

        @Test
        void a_stream_the_relay_does_not_carry_keeps_the_session_credentials_it_relied_on() {
            String body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                    + "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789abcdefghijkl\r\n"
                    + "m=audio 4000 RTP/AVP 0\r\na=candidate:1 1 UDP 2130706431 192.0.2.1 4000 typ host\r\n"
                    + "m=application 5000 UDP/DTLS/SCTP webrtc-datachannel\r\n"
                    + "a=candidate:1 1 UDP 2130706431 192.0.2.1 5000 typ host\r\n";
            SessionDescription out = mangle(body, Map.of(0, RELAY), MangleOptions.DEFAULT.withIce(IceMode.REMOVE));
            MediaSection data = out.media().get(1);
            assertEquals("a=ice-ufrag:abcd", data.lines().get(2).text());
            assertEquals("a=ice-pwd:0123456789abcdefghijkl", data.lines().get(3).text());
            assertTrue(data.lines().get(1).isAttribute("candidate"));
            assertFalse(out.media().get(0).hasAttribute("candidate"));
        }
    }

    @Nested
    class IceOff {

        @Test
        void ice_lines_stay_exactly_as_they_were() {
            String in = Vectors.read("sipsimple-ice-offer.sdp");
            SessionDescription out = mangle(in, Map.of(0, RELAY), MangleOptions.DEFAULT.withIce(IceMode.OFF));
            assertEquals(IceAttributes.only(SdpParser.parse(in).media().get(0).lines()),
                    IceAttributes.only(out.media().get(0).lines()));
        }

        @Test
        void ng_ice_values_map_to_modes() {
            assertEquals(Optional.of(IceMode.RELAY_CANDIDATE), IceMode.fromNg("force-relay"));
            assertEquals(Optional.of(IceMode.RELAY_CANDIDATE), IceMode.fromNg("default"));
            assertEquals(Optional.of(IceMode.REMOVE), IceMode.fromNg("remove"));
            assertEquals(Optional.of(IceMode.OFF), IceMode.fromNg("off"));
            assertEquals(Optional.empty(), IceMode.fromNg("sideways"));
        }
    }

    @Nested
    class SessionLevel {

        @Test
        void origin_replace_names_the_relay_and_session_name_replace_sets_s() {
            MangleOptions o = new MangleOptions(IceMode.RELAY_CANDIDATE, true, Optional.of("mediarelay"),
                    MangleOptions.MuxChange.KEEP);
            SessionDescription out = mangle(Vectors.read("blink-plain-offer.sdp"), Map.of(0, RELAY), o);
            assertEquals("- 3484383368 3484383368 IN IP4 203.0.113.5", out.origin().format());
            assertEquals("s=mediarelay", out.sessionLine('s').orElseThrow().text());
        }

        @Test
        void an_ipv6_relay_makes_the_origin_ip6() {
            MangleOptions o = new MangleOptions(IceMode.OFF, true, Optional.empty(), MangleOptions.MuxChange.KEEP);
            SessionDescription out = mangle(Vectors.read("blink-plain-offer.sdp"),
                    Map.of(0, RelayEndpoint.of("2001:db8::5", 30000, 30001)), o);
            assertEquals("- 3484383368 3484383368 IN IP6 2001:db8::5", out.origin().format());
        }
    }

    @Nested
    class RtcpMuxChanges {

        @Test
        void mux_is_added_after_the_rtcp_attribute_and_removed_again() {
            MangleOptions add = new MangleOptions(IceMode.OFF, false, Optional.empty(), MangleOptions.MuxChange.ADD);
            MediaSection m = mangle(Vectors.read("blink-plain-offer.sdp"), Map.of(0, RELAY), add).media().get(0);
            assertEquals("a=rtcp:30001 IN IP4 203.0.113.5", m.lines().get(1).text());
            assertEquals("a=rtcp-mux", m.lines().get(2).text());
            MangleOptions remove = new MangleOptions(IceMode.OFF, false, Optional.empty(), MangleOptions.MuxChange.REMOVE);
            MediaSection back = SdpMangler.mangle(new SessionDescription(
                    SdpParser.parse(Vectors.read("blink-plain-offer.sdp")).sessionLines(), java.util.List.of(m), ""),
                    Map.of(0, RELAY), remove).media().get(0);
            assertFalse(back.hasAttribute("rtcp-mux"));
        }
    }
}
