package org.mediarelay.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.accounting.Accounting;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.accounting.cdr.CdrJson;
import org.mediarelay.accounting.cdr.TerminationReason;
import org.mediarelay.dispatcher.command.DeleteCommand;
import org.mediarelay.dispatcher.command.DeleteOutcome;
import org.mediarelay.dispatcher.command.ErrorCode;
import org.mediarelay.dispatcher.command.Failure;
import org.mediarelay.dispatcher.command.SdpCommand;
import org.mediarelay.dispatcher.command.SdpOutcome;
import org.mediarelay.dispatcher.session.InMemorySessionStore;
import org.mediarelay.node.NodeVerticle;
import org.mediarelay.node.RelayNodeConfig;
import org.mediarelay.node.api.NodeClient;
import org.mediarelay.node.port.PortRange;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.SdpParser;
import org.mediarelay.sdp.SessionDescription;
import org.mediarelay.sdp.Vectors;

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

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        start(vertx, TestPorts.block(16), "n1");
    }

    private void start(Vertx vertx, PortRange range, String nodeId) throws Exception {
        this.vertx = vertx;
        this.ports = range;
        RelayNodeConfig config = new RelayNodeConfig(nodeId, InetAddress.getLoopbackAddress(), "127.0.0.1", range, 1,
                Duration.ofSeconds(5));
        await(vertx.deployVerticle(new NodeVerticle(config, new SplittableRandom())));
        accounting = Accounting.open(vertx, dataDir.resolve("cdr"));
        dispatcher = new Dispatcher(RelayNodes.single(new NodeClient(vertx.eventBus(), nodeId, Duration.ofSeconds(5))),
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
        return assertInstanceOf(SdpOutcome.Rewritten.class, await(dispatcher.handle(c))).sdp();
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
            assertEquals(ErrorCode.TAG_MISMATCH, failure(SdpCommand.offer("c5", "mallory", BLINK)).code());
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
            Dispatcher orphan = new Dispatcher(RelayNodes.single(new NodeClient(vertx.eventBus(), "absent",
                    Duration.ofMillis(500))), new InMemorySessionStore(), accounting, clock, new SplittableRandom());
            Failure f = assertInstanceOf(Failure.class, await(orphan.handle(SdpCommand.offer("c7", "alice", BLINK))));
            assertEquals(ErrorCode.NODE_UNAVAILABLE, f.code());
            assertTrue(f.reason().startsWith("relay node absent did not answer: "), f.reason());
            assertEquals(0, orphan.sessionCount());
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
