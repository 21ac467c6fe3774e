package org.mediarelay.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediarelay.dispatcher.SignallingTermsTest.sdp;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.dispatcher.command.DeleteCommand;
import org.mediarelay.dispatcher.command.DeleteOutcome;
import org.mediarelay.dispatcher.command.SdpCommand;
import org.mediarelay.node.testing.UdpPeer;
import org.mediarelay.sdp.SdpParser;

/**
 * A forked INVITE as Kamailio and OpenSIPS relay it with {@code via-branch}: an offer per branch, early media from
 * several, one final answer, and failed branches deleted one by one; real packets through a real node.
 */
@ExtendWith(VertxExtension.class)
class ForkingTest {

    @TempDir
    Path data;

    private DispatcherHarness h;
    private UdpPeer alice;
    private UdpPeer bob1;
    private UdpPeer bob2;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        h = DispatcherHarness.start(vertx, data);
        alice = new UdpPeer();
        bob1 = new UdpPeer();
        bob2 = new UdpPeer();
    }

    @AfterEach
    void stop() throws Exception {
        alice.close();
        bob1.close();
        bob2.close();
        h.close();
    }

    private static InetSocketAddress relay(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static int port(String sdp) {
        return SdpParser.parse(sdp).media().get(0).mediaLine().port();
    }

    private int offer(String callId, String via) throws Exception {
        return port(h.sdp(SdpCommand.offer(callId, "alice", sdp("127.0.0.1", alice.port())).withViaBranch(
                Optional.ofNullable(via))));
    }

    private int answer(String callId, String tag, String via, UdpPeer callee) throws Exception {
        return port(h.sdp(SdpCommand.answer(callId, "alice", tag, sdp("127.0.0.1", callee.port()))
                .withViaBranch(Optional.ofNullable(via))));
    }

    /** The SSRCs of whatever reaches {@code peer} until it has been quiet for half a second. */
    private static Set<Long> ssrcs(UdpPeer peer) {
        Set<Long> seen = new HashSet<>();
        peer.drain(500).forEach(r -> seen.add(UdpPeer.ssrcOf(r.payload())));
        return seen;
    }

    @Test
    void each_branch_gets_ports_of_its_own_and_early_media_from_both_reaches_the_caller() throws Exception {
        int toBranch1 = offer("f-1", "z9hG4bK-b1");
        int toBranch2 = offer("f-1", "z9hG4bK-b2");
        assertNotEquals(toBranch1, toBranch2);
        int fromBranch1 = answer("f-1", "bob-1", "z9hG4bK-b1", bob1);
        int fromBranch2 = answer("f-1", "bob-2", "z9hG4bK-b2", bob2);
        assertNotEquals(fromBranch1, fromBranch2);
        for (int seq = 0; seq < 5; seq++) {
            bob1.send(UdpPeer.rtp(seq, 0xB1), relay(toBranch1));
            bob2.send(UdpPeer.rtp(seq, 0xB2), relay(toBranch2));
        }
        assertEquals(Set.of(0xB1L, 0xB2L), ssrcs(alice), "early media of both branches");
        alice.send(UdpPeer.rtp(1, 0xA), relay(fromBranch2));
        assertEquals(0xA, UdpPeer.ssrcOf(bob2.receive().orElseThrow().payload()));
    }

    @Test
    void a_delete_naming_a_failed_branch_by_via_branch_leaves_the_call_to_the_branch_that_answers() throws Exception {
        int toBranch1 = offer("f-2", "z9hG4bK-b1");
        int toBranch2 = offer("f-2", "z9hG4bK-b2");
        answer("f-2", "bob-2", "z9hG4bK-b2", bob2);
        assertEquals(new DeleteOutcome.BranchDeleted("z9hG4bK-b2"), h.delete(new DeleteCommand("f-2", "alice",
                Optional.empty(), false, false, Optional.of("z9hG4bK-b2"))));
        assertEquals(1, h.dispatcher.sessionCount());
        bob2.send(UdpPeer.rtp(1, 0xB2), relay(toBranch2));
        assertTrue(alice.receive(300).isEmpty(), "the failed branch's ports are closed");
        int fromBranch1 = answer("f-2", "bob-1", "z9hG4bK-b1", bob1);
        bob1.send(UdpPeer.rtp(1, 0xB1), relay(toBranch1));
        alice.send(UdpPeer.rtp(1, 0xA), relay(fromBranch1));
        assertEquals(0xB1, UdpPeer.ssrcOf(alice.receive().orElseThrow().payload()));
        assertEquals(0xA, UdpPeer.ssrcOf(bob1.receive().orElseThrow().payload()));
        Cdr cdr = assertInstanceOf(DeleteOutcome.Deleted.class, h.delete(new DeleteCommand("f-2", "alice",
                Optional.empty()))).cdr();
        assertEquals(Optional.of("bob-1"), cdr.toTag(), "the CDR names the branch that answered");
        assertEquals(1, cdr.streams().get(0).caller().rtp().packets());
        assertEquals(1, cdr.streams().get(0).callee().rtp().packets());
    }

    @Test
    void a_delete_naming_the_to_tag_of_a_branch_that_failed_after_its_early_media_keeps_the_call() throws Exception {
        offer("f-3", "z9hG4bK-b1");
        offer("f-3", "z9hG4bK-b2");
        answer("f-3", "bob-1", "z9hG4bK-b1", bob1);
        answer("f-3", "bob-2", "z9hG4bK-b2", bob2);
        assertEquals(new DeleteOutcome.BranchDeleted("bob-2"), h.delete(new DeleteCommand("f-3", "alice",
                Optional.of("bob-2"))));
        answer("f-3", "bob-1", "z9hG4bK-b1", bob1);
        Cdr cdr = assertInstanceOf(DeleteOutcome.Deleted.class, h.delete(new DeleteCommand("f-3", "alice",
                Optional.empty()))).cdr();
        assertEquals(Optional.of("bob-1"), cdr.toTag());
    }

    @Test
    void a_delete_without_to_tag_ends_the_call_and_every_branch() throws Exception {
        int toBranch1 = offer("f-4", "z9hG4bK-b1");
        int toBranch2 = offer("f-4", "z9hG4bK-b2");
        answer("f-4", "bob-2", "z9hG4bK-b2", bob2);
        answer("f-4", "bob-1", "z9hG4bK-b1", bob1);
        assertInstanceOf(DeleteOutcome.Deleted.class, h.delete(new DeleteCommand("f-4", "alice", Optional.empty(),
                false, false, Optional.of("z9hG4bK-bye"))));
        assertEquals(0, h.dispatcher.sessionCount());
        bob1.send(UdpPeer.rtp(1, 0xB1), relay(toBranch1));
        bob2.send(UdpPeer.rtp(1, 0xB2), relay(toBranch2));
        assertTrue(alice.receive(300).isEmpty(), "no branch's ports are left");
    }

    @Test
    void a_destination_that_failed_without_sdp_ends_nothing_once_another_answered() throws Exception {
        offer("f-5", null);
        answer("f-5", "bob-1", null, bob1);
        assertInstanceOf(DeleteOutcome.NotFound.class, h.delete(new DeleteCommand("f-5", "alice",
                Optional.of("bob-486"))));
        assertEquals(1, h.dispatcher.sessionCount());
    }

    @Test
    void a_call_that_failed_before_any_answer_ends_on_the_failed_to_tag() throws Exception {
        offer("f-6", null);
        assertInstanceOf(DeleteOutcome.Deleted.class, h.delete(new DeleteCommand("f-6", "alice",
                Optional.of("bob-486"))));
        assertEquals(0, h.dispatcher.sessionCount());
    }

    @Test
    void destinations_of_one_offer_share_its_ports_and_a_failed_one_leaves_the_other_answering() throws Exception {
        int toCallee = offer("f-7", null);
        answer("f-7", "bob-1", null, bob1);
        answer("f-7", "bob-2", null, bob2);
        assertEquals(new DeleteOutcome.BranchDeleted("bob-2"), h.delete(new DeleteCommand("f-7", "alice",
                Optional.of("bob-2"))));
        int fromCallee = answer("f-7", "bob-1", null, bob1);
        bob1.send(UdpPeer.rtp(1, 0xB1), relay(toCallee));
        assertEquals(0xB1, UdpPeer.ssrcOf(alice.receive().orElseThrow().payload()));
        alice.send(UdpPeer.rtp(1, 0xA), relay(fromCallee));
        assertEquals(0xA, UdpPeer.ssrcOf(bob1.receive().orElseThrow().payload()));
        Cdr cdr = assertInstanceOf(DeleteOutcome.Deleted.class, h.delete(new DeleteCommand("f-7", "alice",
                Optional.empty()))).cdr();
        assertEquals(Optional.of("bob-1"), cdr.toTag());
    }

    @Test
    void a_re_invite_from_the_branch_that_answered_goes_to_its_own_ports() throws Exception {
        offer("f-8", "z9hG4bK-b1");
        int toBranch2 = offer("f-8", "z9hG4bK-b2");
        int fromBranch2 = answer("f-8", "bob-2", "z9hG4bK-b2", bob2);
        SdpCommand reinvite = SdpCommand.offer("f-8", "bob-2", sdp("127.0.0.1", bob2.port(), "a=sendonly"));
        assertEquals(fromBranch2, port(h.sdp(reinvite)), "the caller is pointed at branch 2's ports still");
        SdpCommand fromAlice = SdpCommand.offer("f-8", "alice", sdp("127.0.0.1", alice.port()));
        assertEquals(toBranch2, port(h.sdp(fromAlice)), "a re-offer without via-branch goes to the answered branch");
    }
}
