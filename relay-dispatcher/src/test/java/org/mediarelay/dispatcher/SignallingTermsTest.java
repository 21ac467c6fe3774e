package org.mediarelay.dispatcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.dispatcher.command.DeleteCommand;
import org.mediarelay.dispatcher.command.DeleteOutcome;
import org.mediarelay.dispatcher.command.ErrorCode;
import org.mediarelay.dispatcher.command.Failure;
import org.mediarelay.dispatcher.command.SdpCommand;
import org.mediarelay.dispatcher.command.SdpOptions;
import org.mediarelay.dispatcher.signalling.RtcpMuxPolicy;
import org.mediarelay.dispatcher.signalling.SipContext;
import org.mediarelay.node.testing.UdpPeer;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.SdpParser;
import org.mediarelay.sdp.codec.CodecRules;
import org.mediarelay.sdp.relay.IceMode;
import org.mediarelay.sdp.relay.MangleOptions;

/** What one SDP of a call settles for the next ones: re-tags, the ICE mode, rtcp-mux, codecs, address families. */
@ExtendWith(VertxExtension.class)
class SignallingTermsTest {

    @TempDir
    Path data;

    private DispatcherHarness h;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        h = DispatcherHarness.start(vertx, data);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    /** An audio SDP of a party at {@code address}:{@code port} with extra media-level lines. */
    static String sdp(String address, int port, String... lines) {
        String type = address.indexOf(':') >= 0 ? "IP6" : "IP4";
        StringBuilder b = new StringBuilder("v=0\r\no=- 1 1 IN " + type + " " + address + "\r\ns=-\r\nc=IN " + type
                + " " + address + "\r\nt=0 0\r\nm=audio " + port + " RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n");
        for (String l : lines) {
            b.append(l).append("\r\n");
        }
        return b.toString();
    }

    private static SdpCommand offer(String callId, String from, String sdp, SdpOptions options) {
        return SdpCommand.offer(callId, from, sdp).withOptions(options);
    }

    private static SdpCommand answer(String callId, String from, String to, String sdp, SdpOptions options) {
        return SdpCommand.answer(callId, from, to, sdp).withOptions(options);
    }

    private static SdpOptions mux(MangleOptions.MuxChange toReader, RtcpMuxPolicy.Back back) {
        return new SdpOptions(Optional.empty(), false, false, false, new RtcpMuxPolicy(toReader, back), false, false,
                CodecRules.NONE);
    }

    private static MediaSection audio(String sdp) {
        return SdpParser.parse(sdp).media().get(0);
    }

    @Nested
    class Retagging {

        @Test
        void a_reoffer_under_a_new_from_tag_takes_the_callers_role_on_the_same_relay_ports() throws Exception {
            int towardsCallee = audio(h.sdp(SdpCommand.offer("rt-1", "alice", sdp("127.0.0.1", 4000))))
                    .mediaLine().port();
            h.sdp(SdpCommand.answer("rt-1", "alice", "bob", sdp("127.0.0.1", 4002)));
            SdpCommand reoffer = SdpCommand.offer("rt-1", "alice-b2bua", sdp("127.0.0.1", 4004));
            reoffer = new SdpCommand(reoffer.kind(), reoffer.callId(), reoffer.fromTag(), Optional.of("bob"),
                    reoffer.sdp(), Optional.empty(), Optional.empty(), SdpOptions.DEFAULT,
                    reoffer.annotation(), Optional.empty(), Optional.empty(), SipContext.NONE);
            assertEquals(towardsCallee, audio(h.sdp(reoffer)).mediaLine().port(),
                    "the callee keeps sending where it did");
            assertEquals(1, h.dispatcher.sessionCount());
            assertInstanceOf(DeleteOutcome.Deleted.class, h.delete(new DeleteCommand("rt-1", "alice-b2bua",
                    Optional.empty())), "the new tag names the call");
        }

        @Test
        void a_reoffer_from_the_callee_side_under_a_new_tag_is_pointed_at_the_callers_side() throws Exception {
            h.sdp(SdpCommand.offer("rt-2", "alice", sdp("127.0.0.1", 4000)));
            int towardsCaller = audio(h.sdp(SdpCommand.answer("rt-2", "alice", "bob", sdp("127.0.0.1", 4002))))
                    .mediaLine().port();
            SdpCommand o = SdpCommand.offer("rt-2", "bob-transferred", sdp("127.0.0.1", 4006));
            o = new SdpCommand(o.kind(), o.callId(), o.fromTag(), Optional.of("alice"), o.sdp(), Optional.empty(),
                    Optional.empty(), SdpOptions.DEFAULT, o.annotation(), Optional.empty(), Optional.empty(),
                    SipContext.NONE);
            assertEquals(towardsCaller, audio(h.sdp(o)).mediaLine().port(), "the caller keeps sending where it did");
        }
    }

    @Nested
    class IceRemembered {

        private final String iceOffer = sdp("127.0.0.1", 4000, "a=ice-ufrag:abcd", "a=ice-pwd:0123456789abcdefghijkl",
                "a=candidate:1 1 UDP 2130706431 127.0.0.1 4000 typ host");

        @Test
        void ice_removed_once_stays_removed_in_later_sdps_of_the_call_that_do_not_ask() throws Exception {
            SdpOptions remove = new SdpOptions(IceMode.REMOVE, false, false, false);
            assertFalse(h.sdp(offer("ice-1", "alice", iceOffer, remove)).contains("a=candidate"));
            assertFalse(h.sdp(SdpCommand.answer("ice-1", "alice", "bob", iceOffer.replace("4000", "4002")))
                    .contains("a=ice-"), "the answer, without the key");
            String reoffer = h.sdp(SdpCommand.offer("ice-1", "alice", iceOffer));
            assertFalse(reoffer.contains("a=candidate") || reoffer.contains("a=ice-"), reoffer);
            SdpOptions relay = new SdpOptions(IceMode.RELAY_CANDIDATE, false, false, false);
            assertTrue(h.sdp(offer("ice-1", "alice", iceOffer, relay)).contains("typ relay"),
                    "asked again, the candidates come back");
        }

        @Test
        void a_call_never_asked_keeps_relay_candidates() throws Exception {
            assertTrue(h.sdp(SdpCommand.offer("ice-2", "alice", iceOffer)).contains("typ relay"));
        }
    }

    @Nested
    class RtcpMux {

        private final String muxOffer = sdp("127.0.0.1", 4000, "a=rtcp-mux");

        private String answerTo(String callId, String offerOut, String answer, SdpOptions answerOptions)
                throws Exception {
            return h.sdp(answer(callId, "alice", "bob", answer, answerOptions));
        }

        @Test
        void demux_hides_mux_from_the_callee_and_still_accepts_it_back_to_the_caller() throws Exception {
            String toCallee = h.sdp(offer("mx-1", "alice", muxOffer, mux(MangleOptions.MuxChange.REMOVE,
                    RtcpMuxPolicy.Back.ACCEPT)));
            assertFalse(audio(toCallee).hasAttribute("rtcp-mux"), toCallee);
            String toCaller = answerTo("mx-1", toCallee, sdp("127.0.0.1", 4002), SdpOptions.DEFAULT);
            assertTrue(audio(toCaller).hasAttribute("rtcp-mux"), toCaller);
        }

        @Test
        void reject_refuses_mux_back_to_the_caller_whatever_the_callee_says() throws Exception {
            String toCallee = h.sdp(offer("mx-2", "alice", muxOffer, mux(MangleOptions.MuxChange.REMOVE,
                    RtcpMuxPolicy.Back.REJECT)));
            assertFalse(audio(toCallee).hasAttribute("rtcp-mux"));
            assertFalse(audio(answerTo("mx-2", toCallee, sdp("127.0.0.1", 4002, "a=rtcp-mux"), SdpOptions.DEFAULT))
                    .hasAttribute("rtcp-mux"));
        }

        @Test
        void accept_accepts_the_callers_mux_although_the_callee_does_not_mux() throws Exception {
            String toCallee = h.sdp(offer("mx-3", "alice", muxOffer, mux(MangleOptions.MuxChange.KEEP,
                    RtcpMuxPolicy.Back.ACCEPT)));
            assertTrue(audio(toCallee).hasAttribute("rtcp-mux"));
            assertTrue(audio(answerTo("mx-3", toCallee, sdp("127.0.0.1", 4002), SdpOptions.DEFAULT))
                    .hasAttribute("rtcp-mux"));
        }

        @Test
        void by_default_the_caller_gets_what_the_callee_answered() throws Exception {
            String toCallee = h.sdp(SdpCommand.offer("mx-4", "alice", muxOffer));
            assertTrue(audio(toCallee).hasAttribute("rtcp-mux"));
            assertFalse(audio(answerTo("mx-4", toCallee, sdp("127.0.0.1", 4002), SdpOptions.DEFAULT))
                    .hasAttribute("rtcp-mux"));
            h.sdp(SdpCommand.offer("mx-5", "alice", muxOffer));
            assertTrue(audio(answerTo("mx-5", "", sdp("127.0.0.1", 4002, "a=rtcp-mux"), SdpOptions.DEFAULT))
                    .hasAttribute("rtcp-mux"));
        }

        @Test
        void mux_offered_by_the_relay_alone_is_never_shown_to_a_caller_that_did_not_offer_it() throws Exception {
            String toCallee = h.sdp(offer("mx-6", "alice", sdp("127.0.0.1", 4000), mux(MangleOptions.MuxChange.ADD,
                    RtcpMuxPolicy.Back.FOLLOW)));
            assertTrue(audio(toCallee).hasAttribute("rtcp-mux"));
            assertFalse(audio(answerTo("mx-6", toCallee, sdp("127.0.0.1", 4002, "a=rtcp-mux"), SdpOptions.DEFAULT))
                    .hasAttribute("rtcp-mux"), "RFC 5761 §5.1.1: an answer cannot take up mux that was not offered");
        }

        @Test
        void require_shows_mux_and_no_separate_rtcp_port() throws Exception {
            String toCallee = h.sdp(offer("mx-7", "alice", sdp("127.0.0.1", 4000, "a=rtcp:4001"),
                    mux(MangleOptions.MuxChange.REQUIRE, RtcpMuxPolicy.Back.FOLLOW)));
            assertTrue(audio(toCallee).hasAttribute("rtcp-mux"));
            assertFalse(audio(toCallee).hasAttribute("rtcp"), toCallee);
        }

        @Test
        void the_callers_rtcp_reaches_the_port_the_answer_told_it_to_use() throws Exception {
            for (RtcpMuxPolicy.Back back : List.of(RtcpMuxPolicy.Back.ACCEPT, RtcpMuxPolicy.Back.REJECT)) {
                try (UdpPeer callerRtp = new UdpPeer(); UdpPeer callerRtcp = new UdpPeer();
                     UdpPeer calleeRtp = new UdpPeer(); UdpPeer calleeRtcp = new UdpPeer()) {
                    String callId = "mx-media-" + back;
                    String toCallee = h.sdp(offer(callId, "alice", sdp("127.0.0.1", callerRtp.port(), "a=rtcp-mux",
                            "a=rtcp:" + callerRtcp.port()), mux(MangleOptions.MuxChange.REMOVE, back)));
                    int relayRtcp = audio(toCallee).rtcp().orElseThrow().port();
                    h.sdp(answer(callId, "alice", "bob", sdp("127.0.0.1", calleeRtp.port(),
                            "a=rtcp:" + calleeRtcp.port()), SdpOptions.DEFAULT));
                    byte[] report = UdpPeer.rtcp(0x5eed);
                    calleeRtcp.send(report, new InetSocketAddress(InetAddress.getLoopbackAddress(), relayRtcp));
                    UdpPeer expected = back == RtcpMuxPolicy.Back.ACCEPT ? callerRtp : callerRtcp;
                    UdpPeer other = back == RtcpMuxPolicy.Back.ACCEPT ? callerRtcp : callerRtp;
                    assertArrayEquals(report, expected.receive().orElseThrow(() -> new AssertionError(
                            "no RTCP on the caller's " + (expected == callerRtp ? "RTP" : "RTCP") + " port")).payload());
                    assertTrue(other.receive(300).isEmpty());
                }
            }
        }
    }

    @Nested
    class Codecs {

        @Test
        void an_answer_never_carries_a_codec_its_offer_did_not_list() throws Exception {
            h.sdp(SdpCommand.offer("cd-1", "alice", sdp("127.0.0.1", 4000)));
            String answer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 4002 RTP/AVP 18 0 96\r\na=rtpmap:18 G729/8000\r\na=rtpmap:96 telephone-event/8000\r\n";
            String toCaller = h.sdp(SdpCommand.answer("cd-1", "alice", "bob", answer));
            assertEquals("audio " + audio(toCaller).mediaLine().port() + " RTP/AVP 0 96",
                    audio(toCaller).lines().get(0).value());
            assertFalse(toCaller.contains("G729"), toCaller);
        }

        @Test
        void a_stripped_codec_is_gone_from_the_offer_and_a_codec_filter_that_would_empty_it_is_a_note()
                throws Exception {
            SdpOptions strip = new SdpOptions(Optional.empty(), false, false, false, RtcpMuxPolicy.DEFAULT, false,
                    false, new CodecRules(List.of("PCMA"), List.of(), List.of(), false, false));
            assertFalse(h.sdp(offer("cd-2", "alice", sdp("127.0.0.1", 4000), strip)).contains(" 8 "));
            SdpOptions all = new SdpOptions(Optional.empty(), false, false, false, RtcpMuxPolicy.DEFAULT, false,
                    false, new CodecRules(List.of("all"), List.of(), List.of(), false, false));
            assertEquals(List.of("stream 0 (audio) left unchanged: the codec rules would leave it without any codec"),
                    h.rewritten(offer("cd-3", "alice", sdp("127.0.0.1", 4000), all)).notes());
        }
    }

    @Nested
    class AddressFamilies {

        @Test
        void an_ipv6_party_on_an_ipv4_relay_is_refused_clearly_and_leaves_nothing() throws Exception {
            Failure f = h.failure(SdpCommand.offer("af-1", "alice", sdp("2001:db8::7", 4000)));
            assertEquals(ErrorCode.NODE_REJECTED, f.code());
            assertEquals("relay node n1 has no IPv6 media interface (it has default 127.0.0.1): stream 0 of the caller "
                    + "is at 2001:db8::7", f.reason());
            assertEquals(0, h.dispatcher.sessionCount());
        }

        @Test
        void an_ipv6_hold_through_an_ipv4_relay_is_the_ipv4_hold() throws Exception {
            String out = h.sdp(SdpCommand.offer("af-2", "alice", sdp("::", 4000, "a=sendonly")));
            assertTrue(out.contains("c=IN IP4 0.0.0.0\r\n") && !out.contains("c=IN IP6"), out);
        }

        @Test
        void an_ipv6_relay_refuses_an_ipv4_party_and_relays_an_ipv6_one(Vertx vertx) throws Exception {
            try (DispatcherHarness six = DispatcherHarness.start(vertx, data.resolve("v6"), "n6",
                    InetAddress.getByName("::1"))) {
                assertTrue(six.failure(SdpCommand.offer("af-3", "alice", sdp("127.0.0.1", 4000))).reason()
                        .startsWith("relay node n6 has no IPv4 media interface (it has default ::1)"));
                String out = six.sdp(SdpCommand.offer("af-4", "alice", sdp("::1", 4000)));
                assertTrue(out.contains("c=IN IP6 ::1\r\n"), out);
            }
        }

        @Test
        void rtp_flows_both_ways_through_an_ipv6_relay_and_the_cdr_names_the_parties_as_rfc_5952_does(Vertx vertx)
                throws Exception {
            InetAddress loopback6 = InetAddress.getByName("::1");
            try (DispatcherHarness six = DispatcherHarness.start(vertx, data.resolve("v6-media"), "n6m", loopback6);
                 UdpPeer alice = new UdpPeer(loopback6); UdpPeer bob = new UdpPeer(loopback6)) {
                int toBob = audio(six.sdp(SdpCommand.offer("af-5", "alice", sdp("::1", alice.port()))))
                        .mediaLine().port();
                int toAlice = audio(six.sdp(SdpCommand.answer("af-5", "alice", "bob", sdp("::1", bob.port()))))
                        .mediaLine().port();
                for (int seq = 0; seq < 3; seq++) {
                    alice.send(UdpPeer.rtp(seq, 0xA1), new InetSocketAddress(loopback6, toAlice));
                    bob.send(UdpPeer.rtp(seq, 0xB0), new InetSocketAddress(loopback6, toBob));
                    assertEquals(0xA1, UdpPeer.ssrcOf(bob.receive().orElseThrow().payload()));
                    assertEquals(0xB0, UdpPeer.ssrcOf(alice.receive().orElseThrow().payload()));
                }
                var cdr = assertInstanceOf(DeleteOutcome.Deleted.class, six.delete(new DeleteCommand("af-5", "alice",
                        Optional.empty()))).cdr();
                assertEquals(Optional.of("[::1]:" + alice.port()), cdr.streams().get(0).caller().latchedRtp());
                assertEquals(3, cdr.streams().get(0).callee().rtp().packets());
            }
        }
    }
}
