package org.mediarelay.control.ng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The ng keys and flags that shape an SDP, as proxies send them, over real UDP to a real relay. */
@ExtendWith(VertxExtension.class)
class NgSdpKeysTest {

    private static final String OFFER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 111 0 8 101\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 useinbandfec=1\r\n"
            + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
            + "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\na=rtcp-mux\r\n";

    @TempDir
    Path data;

    private NgFixture fixture;
    private NgClient client;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        fixture = NgFixture.start(vertx, data);
        client = new NgClient(fixture.udp, Duration.ofSeconds(2), 1);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        fixture.stop();
    }

    private Map<String, Object> request(Object... kv) throws Exception {
        return client.request(NgDicts.of(kv)).orElseThrow(() -> new AssertionError("no reply"));
    }

    private static String text(Map<String, Object> reply, String key) {
        return NgDicts.text(reply, key);
    }

    private static String mLine(Map<String, Object> reply) {
        String sdp = text(reply, "sdp");
        int m = sdp.indexOf("m=audio ");
        return sdp.substring(m, sdp.indexOf("\r\n", m)).replaceFirst("m=audio \\d+ ", "m=audio PORT ");
    }

    @Nested
    class Codecs {

        @Test
        void the_codec_dictionary_strips_masks_and_orders_what_the_callee_is_offered() throws Exception {
            Map<String, Object> o = request("command", "offer", "call-id", "c-1", "from-tag", "a", "sdp", OFFER,
                    "codec", Map.of("strip", List.of("opus"), "offer", List.of("PCMA")));
            assertEquals("m=audio PORT RTP/AVP 8 0 101", mLine(o));
            assertFalse(text(o, "sdp").contains("opus") || text(o, "sdp").contains("a=fmtp:111"), text(o, "sdp"));
            assertEquals(null, text(o, "warning"));
        }

        @Test
        void the_flag_forms_do_the_same_and_strip_extmap_drops_header_extensions() throws Exception {
            Map<String, Object> o = request("command", "offer", "call-id", "c-2", "from-tag", "a", "sdp", OFFER,
                    "flags", List.of("codec-mask-all", "codec-except-PCMU", "codec-except-telephone-event",
                            "strip-extmap"));
            assertEquals("m=audio PORT RTP/AVP 0 101", mLine(o));
            assertFalse(text(o, "sdp").contains("a=extmap"), text(o, "sdp"));
            Map<String, Object> rtpp = request("command", "offer", "call-id", "c-3", "from-tag", "a", "sdp", OFFER,
                    "rtpp_flags", "codec-strip-PCMA codec-strip-opus");
            assertEquals("m=audio PORT RTP/AVP 0 101", mLine(rtpp));
        }

        @Test
        void single_codec_in_an_answer_leaves_the_first_codec_and_dtmf_events() throws Exception {
            request("command", "offer", "call-id", "c-4", "from-tag", "a", "sdp", OFFER);
            Map<String, Object> a = request("command", "answer", "call-id", "c-4", "from-tag", "a", "to-tag", "b",
                    "sdp", OFFER.replace("m=audio 4000", "m=audio 4002"), "flags", List.of("single-codec"));
            assertEquals("m=audio PORT RTP/AVP 111 101", mLine(a));
        }

        @Test
        void what_needs_transcoding_is_warned_about_by_name() throws Exception {
            Map<String, Object> o = request("command", "offer", "call-id", "c-5", "from-tag", "a", "sdp", OFFER,
                    "codec", Map.of("transcode", List.of("G729"), "accept", List.of("PCMU"), "wobble", List.of("x")));
            String w = text(o, "warning");
            assertTrue(w.contains("codec transcode [G729]: mediarelay does not transcode"), w);
            assertTrue(w.contains("codec accept [PCMU] ignored: it needs transcoding"), w);
            assertTrue(w.contains("unknown codec key 'wobble' ignored"), w);
            assertEquals("m=audio PORT RTP/AVP 111 0 8 101", mLine(o));
        }

        @Test
        void stripping_every_codec_leaves_the_offer_whole_and_says_so() throws Exception {
            Map<String, Object> o = request("command", "offer", "call-id", "c-6", "from-tag", "a", "sdp", OFFER,
                    "codec", Map.of("strip", List.of("all")));
            assertEquals("m=audio PORT RTP/AVP 111 0 8 101", mLine(o));
            assertEquals("stream 0 (audio) left unchanged: the codec rules would leave it without any codec",
                    text(o, "warning"));
        }
    }

    @Nested
    class Malformed {

        @Test
        void each_malformed_codec_request_is_an_error_and_the_other_calls_go_on() throws Exception {
            assertEquals("ok", text(request("command", "offer", "call-id", "live", "from-tag", "a", "sdp", OFFER),
                    "result"));
            assertEquals("key 'codec' must be a dictionary", text(request("command", "offer", "call-id", "m-1",
                    "from-tag", "a", "sdp", OFFER, "codec", "strip"), "error-reason"));
            assertEquals("key 'codec' entry 'strip' must be a list of strings", text(request("command", "offer",
                    "call-id", "m-2", "from-tag", "a", "sdp", OFFER, "codec", Map.of("strip", 8L)), "error-reason"));
            List<String> absurd = new ArrayList<>();
            for (int i = 0; i < 65; i++) {
                absurd.add("codec" + i);
            }
            assertEquals("key 'codec' names 65 codecs, at most 64", text(request("command", "offer", "call-id", "m-3",
                    "from-tag", "a", "sdp", OFFER, "codec", Map.of("strip", absurd)), "error-reason"));
            assertEquals("key 'codec' entry 'offer' has an empty codec name", text(request("command", "offer",
                    "call-id", "m-4", "from-tag", "a", "sdp", OFFER, "codec", Map.of("offer", List.of(" "))),
                    "error-reason"));
            assertEquals("key 'rtcp-mux' must be a list of strings", text(request("command", "offer", "call-id",
                    "m-5", "from-tag", "a", "sdp", OFFER, "rtcp-mux", 1L), "error-reason"));
            assertEquals("key 'to-tag' must be a string", text(request("command", "offer", "call-id", "m-6",
                    "from-tag", "a", "sdp", OFFER, "to-tag", List.of("b")), "error-reason"));
            assertEquals(1, fixture.dispatcher.sessionCount(), "no malformed request left a call behind");
            Map<String, Object> a = request("command", "answer", "call-id", "live", "from-tag", "a", "to-tag", "b",
                    "sdp", OFFER.replace("4000", "4002"));
            assertEquals("ok", text(a, "result"));
        }
    }

    @Nested
    class Keys {

        @Test
        void what_kamailio_sends_gets_no_warning() throws Exception {
            Map<String, Object> o = request("command", "offer", "call-id", "k-1", "from-tag", "a", "sdp", OFFER,
                    "received-from", List.of("IP4", "127.0.0.1"), "replace", List.of("origin", "session-connection"),
                    "supports", List.of("load limit"), "via-branch", "z9hG4bK-1");
            assertEquals("ok", text(o, "result"));
            assertEquals(null, text(o, "warning"));
            Map<String, Object> d = request("command", "delete", "call-id", "k-1", "from-tag", "a",
                    "received-from", List.of("IP4", "127.0.0.1"), "supports", List.of("load limit"));
            assertEquals(null, text(d, "warning"));
        }

        @Test
        void an_unknown_key_and_a_key_the_relay_cannot_act_on_are_named_in_warnings() throws Exception {
            Map<String, Object> o = request("command", "offer", "call-id", "k-2", "from-tag", "a", "sdp", OFFER,
                    "x-wobble", "1", "DTLS", "passive", "flags", List.of("SDES-no-NULL_HMAC_SHA1_32", "frobnicate"));
            String w = text(o, "warning");
            assertTrue(w.contains("unknown key 'x-wobble' ignored"), w);
            assertTrue(w.contains("key 'DTLS' ignored: DTLS passes between the parties"), w);
            assertTrue(w.contains("SDES options are not applied"), w);
            assertTrue(w.contains("unknown flag 'frobnicate' ignored"), w);
            assertEquals("ok", text(o, "result"));
        }
    }

    @Nested
    class Replace {

        @Test
        void zero_address_replaces_a_hold_address_and_session_connection_hides_the_endpoint() throws Exception {
            String hold = "v=0\r\no=- 1 1 IN IP4 127.0.0.9\r\ns=-\r\nc=IN IP4 127.0.0.9\r\nt=0 0\r\n"
                    + "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\n";
            Map<String, Object> o = request("command", "offer", "call-id", "r-1", "from-tag", "a", "sdp", hold,
                    "replace", List.of("zero-address", "session-connection"));
            String sdp = text(o, "sdp");
            assertFalse(sdp.contains("0.0.0.0") || sdp.contains("c=IN IP4 127.0.0.9"), sdp);
            assertTrue(sdp.endsWith("c=IN IP4 127.0.0.1\r\na=sendonly\r\n"), sdp);
            assertEquals(null, text(o, "warning"));
        }

        @Test
        void the_address_family_warning_names_the_relays_real_family() throws Exception {
            String hold6 = "v=0\r\no=- 1 1 IN IP6 ::1\r\ns=-\r\nc=IN IP6 ::\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
            Map<String, Object> o = request("command", "offer", "call-id", "r-2", "from-tag", "a", "sdp", hold6,
                    "address-family", "IP6");
            assertTrue(text(o, "sdp").contains("c=IN IP4 0.0.0.0\r\n"), text(o, "sdp"));
            assertEquals("address family IP6 not available: the relay's media address 127.0.0.1 is IP4",
                    text(o, "warning"));
        }
    }
}
