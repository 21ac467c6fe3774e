package org.mediarelay.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.accounting.Accounting;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.accounting.cdr.CdrJson;
import org.mediarelay.accounting.cdr.CdrStream;
import org.mediarelay.accounting.cdr.StreamPath;
import org.mediarelay.accounting.cdr.TerminationReason;
import org.mediarelay.dispatcher.command.DeleteCommand;
import org.mediarelay.dispatcher.command.DeleteOutcome;
import org.mediarelay.dispatcher.command.ErrorCode;
import org.mediarelay.dispatcher.command.Failure;
import org.mediarelay.dispatcher.command.SdpCommand;
import org.mediarelay.dispatcher.command.SdpOptions;
import org.mediarelay.dispatcher.command.SdpOutcome;
import org.mediarelay.dispatcher.session.CallSession;
import org.mediarelay.dispatcher.session.InMemorySessionStore;
import org.mediarelay.node.NodeVerticle;
import org.mediarelay.node.RelayNodeConfig;
import org.mediarelay.node.port.PortRange;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.testing.UdpPeer;
import org.mediarelay.node.wire.NodeClient;
import org.mediarelay.sdp.Corpus;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.SdpParser;
import org.mediarelay.sdp.SessionDescription;
import org.mediarelay.sdp.Vectors;
import org.mediarelay.sdp.relay.IceMode;

@ExtendWith(VertxExtension.class)
class DispatcherTest {

    private static final String BLINK = Vectors.read("blink-plain-offer.sdp");
    private static final String ANSWER = "v=0\r\no=bob 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\na=sendrecv\r\n";

    @TempDir
    Path dataDir;

    private Vertx vertx;
    private final TestClock clock = new TestClock(Instant.parse("2026-11-21T10:00:00Z"));
    private Accounting accounting;
    private Dispatcher dispatcher;
    private PortRange ports;
    private NodeVerticle node;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        start(vertx, TestPorts.block(16), "n1");
    }

    private void start(Vertx vertx, PortRange range, String nodeId) throws Exception {
        this.vertx = vertx;
        this.ports = range;
        RelayNodeConfig config = new RelayNodeConfig(nodeId, InetAddress.getLoopbackAddress(), "127.0.0.1", range, 1,
                Duration.ofSeconds(5));
        node = new NodeVerticle(config, new SplittableRandom());
        await(vertx.deployVerticle(node));
        accounting = Accounting.open(vertx, dataDir.resolve("cdr"));
        dispatcher = new Dispatcher(new SingleNode(new NodeClient(vertx.eventBus(), nodeId, Duration.ofSeconds(5))),
                new InMemorySessionStore(), accounting, clock, new SplittableRandom(1));
    }

    @AfterEach
    void stop() throws Exception {
        await(accounting.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private String rewritten(SdpCommand c) throws Exception {
        return assertInstanceOf(SdpOutcome.Rewritten.class, await(dispatcher.handle(c))).text();
    }

    private Failure failure(SdpCommand c) throws Exception {
        return assertInstanceOf(Failure.class, await(dispatcher.handle(c)));
    }

    private static MediaSection audio(String sdp) {
        return SdpParser.parse(sdp).media().get(0);
    }

    @Nested
    class OfferAndAnswer {

        @Test
        void offer_and_answer_each_point_at_the_relay_ports_facing_the_party_that_reads_them() throws Exception {
            String offer = rewritten(SdpCommand.offer("c1", "alice", BLINK));
            String answer = rewritten(SdpCommand.answer("c1", "alice", "bob", ANSWER));
            SessionDescription o = SdpParser.parse(offer);
            assertEquals("127.0.0.1", o.sessionConnection().orElseThrow().address());
            int calleeFacing = audio(offer).mediaLine().port();
            int callerFacing = audio(answer).mediaLine().port();
            assertNotEquals(calleeFacing, callerFacing);
            assertTrue(calleeFacing >= ports.min() && calleeFacing <= ports.max());
            assertEquals(calleeFacing + 1, audio(offer).rtcp().orElseThrow().port());
            assertEquals(BLINK.replace("192.168.99.23\r\nt=", "127.0.0.1\r\nt=")
                    .replace("m=audio 50076", "m=audio " + calleeFacing)
                    .replace("a=rtcp:50077 IN IP4 192.168.99.23", "a=rtcp:" + (calleeFacing + 1) + " IN IP4 127.0.0.1"),
                    offer, "only c=, m= and a=rtcp change");
            assertEquals(1, dispatcher.sessionCount());
        }

        @Test
        void each_new_call_gets_its_own_session_id_of_32_hex_digits() throws Exception {
            rewritten(SdpCommand.offer("s1", "alice", BLINK));
            rewritten(SdpCommand.offer("s2", "alice", BLINK));
            List<String> ids = dispatcher.sessions().stream().map(CallSession::sessionId).toList();
            assertEquals(2, ids.size());
            ids.forEach(id -> assertTrue(id.matches("[0-9a-f]{32}"), id));
            assertNotEquals(ids.get(0), ids.get(1));
        }

        @Test
        void a_retransmitted_offer_keeps_the_ports_and_gives_the_same_sdp() throws Exception {
            String first = rewritten(SdpCommand.offer("c2", "alice", BLINK));
            assertEquals(first, rewritten(SdpCommand.offer("c2", "alice", BLINK)));
        }

        @Test
        void an_sdp_without_streams_the_relay_carries_passes_unchanged() throws Exception {
            String msrp = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=message 7394 TCP/MSRP *\r\n";
            assertEquals(msrp, rewritten(SdpCommand.offer("c3", "alice", msrp)));
        }

        @Test
        void a_re_offer_from_the_callee_keeps_ports_and_goes_to_the_caller_facing_pair() throws Exception {
            String offer = rewritten(SdpCommand.offer("c4", "alice", BLINK));
            String answer = rewritten(SdpCommand.answer("c4", "alice", "bob", ANSWER));
            String reoffer = rewritten(SdpCommand.offer("c4", "bob", ANSWER.replace("o=bob 1 1", "o=bob 1 2")));
            String reanswer = rewritten(SdpCommand.answer("c4", "bob", "alice", BLINK));
            assertEquals(audio(answer).mediaLine().port(), audio(reoffer).mediaLine().port());
            assertEquals(audio(offer).mediaLine().port(), audio(reanswer).mediaLine().port());
        }
    }

    @Nested
    class Mangling {

        private final String iceOffer = Vectors.read("sipsimple-ice-offer.sdp");

        @Test
        void an_ice_offer_gets_relay_candidates_that_match_the_relay_ports_it_points_at() throws Exception {
            MediaSection m = audio(rewritten(SdpCommand.offer("i1", "alice", iceOffer)));
            int rtp = m.mediaLine().port();
            List<String> relay = candidates(m).stream().filter(c -> c.contains(" typ relay")).toList();
            assertEquals(2, relay.size(), relay.toString());
            assertTrue(relay.get(0).matches("candidate:\\S+ 1 UDP \\d+ 127\\.0\\.0\\.1 " + rtp + " typ relay .*"),
                    relay.get(0));
            assertTrue(relay.get(1).matches("candidate:\\S+ 2 UDP \\d+ 127\\.0\\.0\\.1 " + (rtp + 1) + " typ relay .*"),
                    relay.get(1));
            assertEquals(8, candidates(m).size(), "the six endpoint candidates are kept");
        }

        @Test
        void ice_remove_strips_every_ice_line_and_off_leaves_them_all() throws Exception {
            SdpOptions remove = new SdpOptions(IceMode.REMOVE, false, false, false);
            MediaSection removed = audio(rewritten(SdpCommand.offer("i2", "alice", iceOffer).withOptions(remove)));
            assertTrue(removed.lines().stream().noneMatch(l -> l.isAttribute("candidate") || l.isAttribute("ice-ufrag")
                    || l.isAttribute("ice-pwd")), removed.lines().toString());
            SdpOptions off = new SdpOptions(IceMode.OFF, false, false, false);
            MediaSection kept = audio(rewritten(SdpCommand.offer("i3", "alice", iceOffer).withOptions(off)));
            assertEquals(candidates(audio(iceOffer)), candidates(kept));
        }

        @Test
        void replace_origin_names_the_relay_and_raises_the_version_only_when_the_output_changes() throws Exception {
            SdpOptions origin = new SdpOptions(IceMode.RELAY_CANDIDATE, true, true, false);
            SessionDescription first = SdpParser.parse(rewritten(SdpCommand.offer("i4", "alice", BLINK)
                    .withOptions(origin)));
            assertEquals("127.0.0.1", first.origin().address());
            assertEquals("mediarelay", first.sessionLine('s').orElseThrow().value());
            String version = first.origin().sessionVersion();

            SessionDescription same = SdpParser.parse(rewritten(SdpCommand.offer("i4", "alice", BLINK)
                    .withOptions(origin)));
            assertEquals(version, same.origin().sessionVersion(), "an unchanged SDP keeps its version");

            String onHold = BLINK.replace("a=sendrecv", "a=sendonly");
            SessionDescription changed = SdpParser.parse(rewritten(SdpCommand.offer("i4", "alice", onHold)
                    .withOptions(origin)));
            assertEquals(new BigInteger(version).add(BigInteger.ONE).toString(), changed.origin().sessionVersion());
        }

        @Test
        void bundled_streams_on_one_port_share_one_relay_port_pair() throws Exception {
            String bundled = Corpus.read("rfc8843-section18.1-bundle-answer-shared-port.sdp")
                    .replace("IN IP6 2001:db8::1", "IN IP4 127.0.0.1").replace("2001:db8::1", "127.0.0.1");
            SessionDescription out = SdpParser.parse(rewritten(SdpCommand.offer("b1", "alice", bundled)));
            int audioPort = out.media().get(0).mediaLine().port();
            assertEquals(audioPort, out.media().get(1).mediaLine().port());
            assertTrue(audioPort >= ports.min() && audioPort <= ports.max());
            Cdr cdr = assertInstanceOf(DeleteOutcome.Deleted.class,
                    await(dispatcher.delete(new DeleteCommand("b1", "alice", Optional.empty())))).cdr();
            assertEquals(1, cdr.streams().size(), "one relayed transport");
        }

        private List<String> candidates(MediaSection m) {
            return m.lines().stream().filter(l -> l.isAttribute("candidate")).map(l -> l.value()).toList();
        }
    }

    @Nested
    class Refusals {

        @Test
        void bad_sdp_is_refused_with_the_line_and_creates_nothing() throws Exception {
            Failure f = failure(SdpCommand.offer("bad", "alice", BLINK.replace("m=audio 50076", "m=audio x")));
            assertEquals(ErrorCode.BAD_SDP, f.code());
            assertEquals("invalid m= line 6: 'm=audio x RTP/AVP 0 8 9 101' (expected: m=<media> <port> <proto> <fmt>...)",
                    f.reason());
            assertEquals(0, dispatcher.sessionCount());
        }

        @Test
        void an_answer_without_an_offer_is_refused() throws Exception {
            assertEquals(new Failure(ErrorCode.UNKNOWN_CALL, "no offer seen for call-id 'nope'"),
                    failure(SdpCommand.answer("nope", "alice", "bob", ANSWER)));
        }

        @Test
        void an_answer_whose_tags_belong_to_no_party_is_refused() throws Exception {
            rewritten(SdpCommand.offer("c5", "alice", BLINK));
            assertEquals(ErrorCode.TAG_MISMATCH, failure(SdpCommand.answer("c5", "mallory", "bob", ANSWER)).code());
        }

        @Test
        void exhausted_ports_are_refused_clearly_and_no_session_is_left(Vertx vertx) throws Exception {
            start(vertx, TestPorts.block(1), "tiny");
            Failure f = failure(SdpCommand.offer("c6", "alice", BLINK));
            assertEquals(new Failure(ErrorCode.PORTS_EXHAUSTED, "relay node tiny has no free media ports (1 pairs free, 2 needed)"), f);
            assertEquals(0, dispatcher.sessionCount());
        }

        @Test
        void a_node_that_does_not_answer_is_reported_and_no_session_is_left(Vertx vertx) throws Exception {
            Dispatcher orphan = new Dispatcher(new SingleNode(new NodeClient(vertx.eventBus(), "absent",
                    Duration.ofMillis(500))), new InMemorySessionStore(), accounting, clock, new SplittableRandom());
            Failure f = assertInstanceOf(Failure.class, await(orphan.handle(SdpCommand.offer("c7", "alice", BLINK))));
            assertEquals(ErrorCode.NODE_UNAVAILABLE, f.code());
            assertTrue(f.reason().startsWith("relay node absent did not answer: "), f.reason());
            assertEquals(0, orphan.sessionCount());
        }
    }

    @Nested
    class SipShapes {

        private static final String VIDEO = "m=video 50078 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n";

        private String reoffer(String callId, String sdp, int version) throws Exception {
            return rewritten(SdpCommand.offer(callId, "alice", sdp.replace("3484383368 3484383368",
                    "3484383368 " + (3484383368L + version))));
        }

        @Test
        void hold_and_unhold_by_re_invite_keep_the_relay_ports() throws Exception {
            int port = audio(rewritten(SdpCommand.offer("h1", "alice", BLINK))).mediaLine().port();
            rewritten(SdpCommand.answer("h1", "alice", "bob", ANSWER));
            String sendonly = reoffer("h1", BLINK.replace("a=sendrecv", "a=sendonly"), 1);
            assertEquals(port, audio(sendonly).mediaLine().port());
            assertTrue(sendonly.contains("a=sendonly\r\n"), "the hold reaches the callee");
            String zero = reoffer("h1", BLINK.replace("c=IN IP4 192.168.99.23", "c=IN IP4 0.0.0.0"), 2);
            assertTrue(zero.contains("c=IN IP4 0.0.0.0\r\n"), "a 0.0.0.0 hold stays visible");
            assertEquals(port, audio(zero).mediaLine().port());
            assertEquals(port, audio(reoffer("h1", BLINK, 3)).mediaLine().port(), "unhold: the same ports");
        }

        @Test
        void a_re_invite_that_moves_the_party_keeps_the_relay_ports() throws Exception {
            int port = audio(rewritten(SdpCommand.offer("h2", "alice", BLINK))).mediaLine().port();
            rewritten(SdpCommand.answer("h2", "alice", "bob", ANSWER));
            String moved = reoffer("h2", BLINK.replace("192.168.99.23", "192.168.99.24").replace("50076", "50176")
                    .replace("50077", "50177"), 1);
            assertEquals(port, audio(moved).mediaLine().port());
        }

        @Test
        void a_stream_added_by_re_invite_gets_ports_and_the_first_keeps_its_own() throws Exception {
            int audioPort = audio(rewritten(SdpCommand.offer("h3", "alice", BLINK))).mediaLine().port();
            rewritten(SdpCommand.answer("h3", "alice", "bob", ANSWER));
            SessionDescription withVideo = SdpParser.parse(reoffer("h3", BLINK + VIDEO, 1));
            assertEquals(audioPort, withVideo.media().get(0).mediaLine().port());
            int videoPort = withVideo.media().get(1).mediaLine().port();
            assertTrue(videoPort >= ports.min() && videoPort <= ports.max() && videoPort != audioPort,
                    "video relayed on its own pair: " + videoPort);
        }

        @Test
        void a_stream_a_re_invite_takes_away_frees_its_ports_and_its_counters_stay_in_the_cdr() throws Exception {
            rewritten(SdpCommand.offer("h5", "alice", BLINK + VIDEO));
            rewritten(SdpCommand.answer("h5", "alice", "bob", ANSWER + VIDEO.replace("50078", "40002")));
            int freeWithVideo = node.node().freePortPairs();
            SessionDescription noVideo = SdpParser.parse(reoffer("h5", BLINK + VIDEO.replace("50078", "0"), 1));
            assertEquals(0, noVideo.media().get(1).mediaLine().port(), "a refused stream stays refused");
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> node.node().freePortPairs() == freeWithVideo + 2);
            Cdr cdr = assertInstanceOf(DeleteOutcome.Deleted.class,
                    await(dispatcher.delete(new DeleteCommand("h5", "alice", Optional.empty())))).cdr();
            assertEquals(List.of("audio", "video"), cdr.streams().stream().map(CdrStream::media).toList(),
                    "the removed stream is still accounted for");
        }

        @Test
        void a_late_offer_in_the_200_ok_and_its_answer_in_the_ack_relay_like_any_other_call() throws Exception {
            // Kamailio's rtpengine module sends an offer found in a reply, and an answer found in a request, with the
            // tags swapped: from-tag is always the offerer's. Here the callee (bob) offers in its 200 OK.
            String offer = rewritten(SdpCommand.offer("h6", "bob", ANSWER));
            String answer = rewritten(SdpCommand.answer("h6", "bob", "alice", BLINK));
            assertNotEquals(audio(offer).mediaLine().port(), audio(answer).mediaLine().port());
            Cdr cdr = assertInstanceOf(DeleteOutcome.Deleted.class,
                    await(dispatcher.delete(new DeleteCommand("h6", "alice", Optional.of("bob"))))).cdr();
            assertEquals("bob", cdr.fromTag(), "the offerer is the CDR's from_tag");
            assertEquals(Optional.of("alice"), cdr.toTag());
        }

        @Test
        void an_ice_re_offer_whose_selected_pair_is_direct_frees_the_stream_and_the_call_goes_on() throws Exception {
            String ice = Vectors.read("sipsimple-ice-offer.sdp");
            String iceAnswer = ANSWER.replace("a=sendrecv\r\n", "a=ice-ufrag:b0b0\r\na=ice-pwd:b0b0b0b0b0b0b0b0b0b0b0b0\r\n"
                    + "a=candidate:H1 1 UDP 2130706431 10.0.0.9 6000 typ host\r\n"
                    + "a=candidate:H1 2 UDP 2130706430 10.0.0.9 6001 typ host\r\na=sendrecv\r\n");
            rewritten(SdpCommand.offer("h7", "alice", ice));
            rewritten(SdpCommand.answer("h7", "alice", "bob", iceAnswer));
            int freeBefore = node.node().freePortPairs();
            // ICE chose alice's host candidate and bob's: the updated offer names them, not the relay.
            String selected = ice.replace("3484393780 3484393780", "3484393780 3484393781")
                    .replace("c=IN IP4 62.131.6.55", "c=IN IP4 192.168.99.53").replace("m=audio 49732", "m=audio 51641")
                    .replace("a=rtcp:49733 IN IP4 62.131.6.55", "a=rtcp:40568 IN IP4 192.168.99.53")
                    .replace("a=sendrecv", "a=remote-candidates:1 10.0.0.9 6000 2 10.0.0.9 6001\r\na=sendrecv");
            rewritten(SdpCommand.offer("h7", "alice", selected));
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> node.node().freePortPairs() == freeBefore + 2);
            assertEquals(1, dispatcher.sessionCount(), "the call goes on without the relay");
            Cdr cdr = assertInstanceOf(DeleteOutcome.Deleted.class,
                    await(dispatcher.delete(new DeleteCommand("h7", "alice", Optional.empty())))).cdr();
            assertEquals(StreamPath.ICE_DIRECT, cdr.streams().get(0).path());
            assertEquals(TerminationReason.REGULAR, cdr.reason());
        }

        @Test
        void deleting_one_forked_branch_leaves_the_call_to_the_others() throws Exception {
            rewritten(SdpCommand.offer("h8", "alice", BLINK));
            rewritten(SdpCommand.answer("h8", "alice", "branch-1", ANSWER));
            assertInstanceOf(DeleteOutcome.BranchDeleted.class,
                    await(dispatcher.delete(new DeleteCommand("h8", "alice", Optional.of("branch-1"), true))));
            assertEquals(1, dispatcher.sessionCount(), "the call goes on");
            rewritten(SdpCommand.answer("h8", "alice", "branch-2", ANSWER));
            Cdr cdr = assertInstanceOf(DeleteOutcome.Deleted.class,
                    await(dispatcher.delete(new DeleteCommand("h8", "alice", Optional.of("branch-2"))))).cdr();
            assertEquals(Optional.of("branch-2"), cdr.toTag());
            assertEquals(1, cdrsOnDisk().size(), "one CDR for the call, none for the failed branch");
        }

        @Test
        void with_early_media_from_two_branches_the_relay_follows_the_branch_that_answered_last() throws Exception {
            try (UdpPeer caller = new UdpPeer(); UdpPeer first = new UdpPeer(); UdpPeer second = new UdpPeer()) {
                int toCallee = audio(rewritten(SdpCommand.offer("h9", "alice", peerSdp(caller)))).mediaLine().port();
                int toCaller = audio(rewritten(SdpCommand.answer("h9", "alice", "fork-1", peerSdp(first))))
                        .mediaLine().port();
                InetSocketAddress calleeSide = new InetSocketAddress(InetAddress.getLoopbackAddress(), toCallee);
                InetSocketAddress callerSide = new InetSocketAddress(InetAddress.getLoopbackAddress(), toCaller);
                first.send(UdpPeer.rtp(1, 0x11), calleeSide);
                assertEquals(1, UdpPeer.sequenceOf(caller.receive().orElseThrow().payload()), "early media, branch 1");

                assertEquals(toCaller, audio(rewritten(SdpCommand.answer("h9", "alice", "fork-2", peerSdp(second))))
                        .mediaLine().port(), "the caller keeps its port");
                second.send(UdpPeer.rtp(7, 0x22), calleeSide);
                assertEquals(7, UdpPeer.sequenceOf(caller.receive().orElseThrow().payload()), "media of branch 2");
                caller.send(UdpPeer.rtp(3, 0x33), callerSide);
                assertEquals(3, UdpPeer.sequenceOf(second.receive().orElseThrow().payload()),
                        "the caller's media goes to the branch that answered last");
                first.send(UdpPeer.rtp(2, 0x11), calleeSide);
                assertTrue(caller.receive(300).isEmpty(), "the other branch is not heard any more");
            }
        }

        private String peerSdp(UdpPeer p) {
            return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + p.port()
                    + " RTP/AVP 0\r\n";
        }

        @Test
        void with_forking_the_final_answer_names_the_callee_and_keeps_the_ports() throws Exception {
            rewritten(SdpCommand.offer("h4", "alice", BLINK));
            int early = audio(rewritten(SdpCommand.answer("h4", "alice", "branch-1", ANSWER))).mediaLine().port();
            int fin = audio(rewritten(SdpCommand.answer("h4", "alice", "branch-2", ANSWER))).mediaLine().port();
            assertEquals(early, fin, "the caller keeps sending to the same relay port");
            Cdr cdr = assertInstanceOf(DeleteOutcome.Deleted.class,
                    await(dispatcher.delete(new DeleteCommand("h4", "alice", Optional.empty())))).cdr();
            assertEquals(Optional.of("branch-2"), cdr.toTag(), "the answer that came last is the call's callee");
        }
    }

    @Nested
    class Ending {

        @Test
        void delete_releases_the_session_and_writes_one_cdr_then_a_second_delete_finds_nothing() throws Exception {
            rewritten(SdpCommand.offer("c8", "alice", BLINK));
            clock.advance(Duration.ofSeconds(2));
            rewritten(SdpCommand.answer("c8", "alice", "bob", ANSWER));
            clock.advance(Duration.ofSeconds(30));
            Cdr cdr = assertInstanceOf(DeleteOutcome.Deleted.class,
                    await(dispatcher.delete(new DeleteCommand("c8", "alice", Optional.of("bob"))))).cdr();
            assertEquals("c8", cdr.callId());
            assertEquals("alice", cdr.fromTag());
            assertEquals(Optional.of("bob"), cdr.toTag());
            assertEquals(Instant.parse("2026-11-21T10:00:02Z"), cdr.answered().orElseThrow());
            assertEquals(Duration.ofSeconds(32), cdr.duration());
            assertEquals(TerminationReason.REGULAR, cdr.reason());
            assertEquals(1, cdr.streams().size());
            assertEquals(List.of(cdr), cdrsOnDisk());
            assertEquals(0, dispatcher.sessionCount());

            assertInstanceOf(DeleteOutcome.NotFound.class,
                    await(dispatcher.delete(new DeleteCommand("c8", "alice", Optional.of("bob")))));
            assertEquals(1, cdrsOnDisk().size());
        }

        @Test
        void a_delete_with_a_stranger_tag_does_not_end_the_call() throws Exception {
            rewritten(SdpCommand.offer("c9", "alice", BLINK));
            assertInstanceOf(DeleteOutcome.NotFound.class,
                    await(dispatcher.delete(new DeleteCommand("c9", "mallory", Optional.empty()))));
            assertEquals(1, dispatcher.sessionCount());
        }

        @Test
        void shutdown_closes_every_session_with_a_cdr() throws Exception {
            for (int i = 0; i < 5; i++) {
                rewritten(SdpCommand.offer("s" + i, "alice", BLINK));
            }
            await(dispatcher.closeAll(TerminationReason.SHUTDOWN));
            List<Cdr> cdrs = cdrsOnDisk();
            assertEquals(5, cdrs.size());
            assertTrue(cdrs.stream().allMatch(c -> c.reason() == TerminationReason.SHUTDOWN));
            assertEquals(0, dispatcher.sessionCount());
        }
    }

    private List<Cdr> cdrsOnDisk() throws Exception {
        Path file = dataDir.resolve("cdr").resolve("cdr-2026-11-21.jsonl");
        return Files.readAllLines(file).stream().map(l -> CdrJson.decode(new JsonObject(l))).toList();
    }
}
