package org.mediarelay.sdp.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mediarelay.sdp.SdpParser;
import org.mediarelay.sdp.codec.CodecRules;

class CodecFilterTest {

    private static final RelayEndpoint RELAY = RelayEndpoint.of("203.0.113.5", 30000, 30001);
    private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";
    /** The head as the reader gets it: the session c= names the relay. */
    private static final String OUT = HEAD.replace("c=IN IP4 192.0.2.1", "c=IN IP4 203.0.113.5");
    private static final String AUDIO = "m=audio 4000 RTP/AVP 111 0 8 9 101\r\n"
            + "a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\na=rtcp-fb:111 transport-cc\r\n"
            + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-16\r\na=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\na=rtcp-fb:* nack\r\n";

    private static SdpMangler.Mangled mangle(String body, CodecRules rules, Map<Integer, List<String>> offered) {
        return SdpMangler.mangled(SdpParser.parse(body), Map.of(0, RELAY), MangleOptions.DEFAULT.withCodecs(rules),
                offered);
    }

    private static CodecRules strip(String... codecs) {
        return new CodecRules(List.of(codecs), List.of(), List.of(), false, false);
    }

    @Nested
    class Rules {

        @Test
        void a_stripped_codec_leaves_the_m_line_with_its_rtpmap_fmtp_and_rtcp_fb() {
            assertEquals(OUT + "m=audio 30000 RTP/AVP 0 8 9 101\r\n"
                    + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                    + "a=fmtp:101 0-16\r\na=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\na=rtcp-fb:* nack\r\n",
                    mangle(HEAD + AUDIO, strip("OPUS"), Map.of()).sdp().serialize());
        }

        @Test
        void codecs_are_named_by_name_rate_channels_or_payload_type() {
            assertEquals("m=audio 30000 RTP/AVP 111 9 101", firstLine(strip("PCMU/8000", "8")));
            assertEquals("m=audio 30000 RTP/AVP 0 8 9 101", firstLine(strip("opus/48000/2")));
            assertEquals("m=audio 30000 RTP/AVP 111 0 8 9 101", firstLine(strip("opus/48000/1", "G729")));
        }

        @Test
        void strip_all_keeps_only_the_exceptions_in_their_order_and_offer_puts_its_codecs_first() {
            assertEquals("m=audio 30000 RTP/AVP 8 101", firstLine(new CodecRules(List.of("all"),
                    List.of("telephone-event", "PCMA"), List.of(), false, false)));
            assertEquals("m=audio 30000 RTP/AVP 9 8 111 0 101", firstLine(new CodecRules(List.of(),
                    List.of(), List.of("G722", "PCMA"), false, false)));
            assertEquals("m=audio 30000 RTP/AVP 9 0", firstLine(new CodecRules(List.of("all"),
                    List.of(), List.of("G722", "PCMU"), false, false)));
        }

        @Test
        void single_codec_keeps_the_first_and_the_dtmf_events() {
            assertEquals("m=audio 30000 RTP/AVP 111 101", firstLine(new CodecRules(List.of(), List.of(), List.of(),
                    true, false)));
        }

        @Test
        void strip_extmap_removes_header_extensions_at_both_levels() {
            String out = mangle(HEAD + "a=extmap-allow-mixed\r\na=extmap:3 urn:x\r\n" + AUDIO,
                    new CodecRules(List.of(), List.of(), List.of(), false, true), Map.of()).sdp().serialize();
            assertEquals(false, out.contains("a=extmap:"), out);
            assertEquals(true, out.contains("a=extmap-allow-mixed\r\n"), out);
        }

        @Test
        void stripping_every_codec_leaves_the_stream_as_it_was_and_says_so() {
            SdpMangler.Mangled m = mangle(HEAD + AUDIO, strip("all"), Map.of());
            assertEquals("m=audio 30000 RTP/AVP 111 0 8 9 101", m.sdp().media().get(0).lines().get(0).text());
            assertEquals(List.of("stream 0 (audio) left unchanged: the codec rules would leave it without any codec"),
                    m.notes());
        }

        @Test
        void a_retransmission_format_goes_with_the_codec_it_repairs() {
            String video = "m=video 4002 RTP/AVPF 96 97 98 99\r\na=rtpmap:96 VP8/90000\r\na=rtpmap:97 rtx/90000\r\n"
                    + "a=fmtp:97 apt=96\r\na=rtpmap:98 H264/90000\r\na=rtpmap:99 rtx/90000\r\na=fmtp:99 apt=98\r\n";
            String out = mangle(HEAD + video, strip("VP8"), Map.of()).sdp().serialize();
            assertEquals(OUT + "m=video 30000 RTP/AVPF 98 99\r\na=rtpmap:98 H264/90000\r\na=rtpmap:99 rtx/90000\r\n"
                    + "a=fmtp:99 apt=98\r\n", out);
        }

        @Test
        void a_stream_that_is_not_rtp_is_left_alone() {
            String t38 = "m=image 4000 udptl t38\r\na=T38FaxVersion:0\r\n";
            assertEquals(OUT + "m=image 30000 udptl t38\r\na=T38FaxVersion:0\r\n",
                    mangle(HEAD + t38, strip("all"), Map.of()).sdp().serialize());
        }

        private String firstLine(CodecRules rules) {
            return mangle(HEAD + AUDIO, rules, Map.of()).sdp().media().get(0).lines().get(0).text();
        }
    }

    @Nested
    class Answers {

        @Test
        void an_answer_keeps_only_codecs_its_offer_listed_matched_by_name_not_number() {
            String answer = HEAD + "m=audio 5000 RTP/AVP 0 18 100\r\na=rtpmap:18 G729/8000\r\n"
                    + "a=rtpmap:100 telephone-event/8000\r\na=fmtp:100 0-15\r\n";
            SdpMangler.Mangled m = mangle(answer, CodecRules.NONE,
                    Map.of(0, List.of("PCMU/8000", "PCMA/8000", "telephone-event/8000")));
            assertEquals(OUT + "m=audio 30000 RTP/AVP 0 100\r\na=rtpmap:100 telephone-event/8000\r\na=fmtp:100 0-15\r\n",
                    m.sdp().serialize());
            assertEquals(List.of(), m.notes());
        }

        @Test
        void an_answer_with_nothing_in_common_with_its_offer_passes_as_it_is_with_a_note() {
            String answer = HEAD + "m=audio 5000 RTP/AVP 18\r\n";
            SdpMangler.Mangled m = mangle(answer, CodecRules.NONE, Map.of(0, List.of("PCMU/8000")));
            assertEquals("m=audio 30000 RTP/AVP 18", m.sdp().media().get(0).lines().get(0).text());
            assertEquals(List.of("stream 0 (audio) left unchanged: only codecs its offer listed would leave it without "
                    + "any codec"), m.notes());
        }
    }
}
