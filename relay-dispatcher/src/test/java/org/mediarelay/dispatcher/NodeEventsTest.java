package org.mediarelay.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.accounting.Accounting;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.accounting.cdr.CdrJson;
import org.mediarelay.accounting.cdr.StreamPath;
import org.mediarelay.accounting.cdr.TerminationReason;
import org.mediarelay.dispatcher.command.DeleteCommand;
import org.mediarelay.dispatcher.command.SdpCommand;
import org.mediarelay.dispatcher.command.SdpOutcome;
import org.mediarelay.dispatcher.session.InMemorySessionStore;
import org.mediarelay.node.NodeVerticle;
import org.mediarelay.node.RelayNodeConfig;
import org.mediarelay.node.testing.ManualClock;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.testing.UdpPeer;
import org.mediarelay.node.wire.NodeClient;

/** What nodes report on their own reaches the call: an expired session ends with its CDR and its reason. */
@ExtendWith(VertxExtension.class)
class NodeEventsTest {

    @TempDir
    Path dataDir;

    private final ManualClock nodeTime = new ManualClock();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-21T10:00:00Z"));
    private Accounting accounting;
    private Dispatcher dispatcher;
    private NodeClient node;
    private final InMemorySessionStore store = new InMemorySessionStore();

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        RelayNodeConfig config = new RelayNodeConfig("n1", InetAddress.getLoopbackAddress(), "127.0.0.1",
                TestPorts.block(8), 1, Duration.ofSeconds(5));
        await(vertx.deployVerticle(new NodeVerticle(config, new SplittableRandom(), nodeTime.nodeClock())));
        accounting = Accounting.open(vertx, dataDir.resolve("cdr"));
        node = new NodeClient(vertx.eventBus(), "n1", Duration.ofSeconds(5));
        dispatcher = new Dispatcher(new SingleNode(node), store, accounting, clock, new SplittableRandom(1));
        await(vertx.deployVerticle(new NodeEventsVerticle(dispatcher.reports())));
    }

    @AfterEach
    void stop() throws Exception {
        await(accounting.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private List<Cdr> cdrs() throws Exception {
        Path file = dataDir.resolve("cdr").resolve("cdr-2026-11-21.jsonl");
        return Files.exists(file)
                ? Files.readAllLines(file).stream().map(l -> CdrJson.decode(new JsonObject(l))).toList()
                : List.of();
    }

    private static String sdp(UdpPeer media) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + media.port()
                + " RTP/AVP 0\r\n";
    }

    @Test
    void a_call_whose_media_timed_out_on_its_node_ends_with_one_cdr_saying_timeout() throws Exception {
        try (UdpPeer caller = new UdpPeer(); UdpPeer callee = new UdpPeer()) {
            assertInstanceOf(SdpOutcome.Rewritten.class, await(dispatcher.handle(SdpCommand.offer("t1", "a", sdp(caller)))));
            assertInstanceOf(SdpOutcome.Rewritten.class,
                    await(dispatcher.handle(SdpCommand.answer("t1", "a", "b", sdp(callee)))));
            nodeTime.advance(Duration.ofSeconds(61));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.sessionCount() == 0);
            Cdr cdr = cdrs().get(0);
            assertEquals(1, cdrs().size());
            assertEquals(TerminationReason.TIMEOUT, cdr.reason());
            assertEquals(StreamPath.NO_MEDIA, cdr.streams().get(0).path());
        }
    }

    @Test
    void an_offer_never_answered_ends_with_offer_timeout() throws Exception {
        try (UdpPeer caller = new UdpPeer()) {
            await(dispatcher.handle(SdpCommand.offer("t2", "a", sdp(caller))));
            nodeTime.advance(Duration.ofMinutes(6));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.sessionCount() == 0);
            assertEquals(TerminationReason.OFFER_TIMEOUT, cdrs().get(0).reason());
        }
    }

    @Test
    void a_long_call_gets_an_interim_record_each_interval_of_its_life_and_still_exactly_one_final()
            throws Exception {
        dispatcher.reports().interimRecords(Duration.ofMinutes(1), () -> true);
        try (UdpPeer caller = new UdpPeer(); UdpPeer callee = new UdpPeer()) {
            await(dispatcher.handle(SdpCommand.offer("long", "a", sdp(caller))));
            await(dispatcher.handle(SdpCommand.answer("long", "a", "b", sdp(callee))));
            // The node reports every 5 s (real time); the dispatcher's clock says how old the call is.
            clock.advance(Duration.ofSeconds(61));
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> cdrs().size() == 1);
            Cdr first = cdrs().get(0);
            assertEquals(TerminationReason.INTERIM, first.reason());
            assertEquals(first.recordId().replace("-interim-1", ""), dispatcher.sessions().get(0).sessionId());
            clock.advance(Duration.ofSeconds(60));
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> cdrs().size() == 2);
            assertEquals(first.recordId().replace("-1", "-2"), cdrs().get(1).recordId(), "one per interval");
            await(dispatcher.delete(new DeleteCommand("long", "a", Optional.empty())));
            List<Cdr> all = cdrs();
            assertEquals(3, all.size());
            assertEquals(List.of(TerminationReason.INTERIM, TerminationReason.INTERIM, TerminationReason.REGULAR),
                    all.stream().map(Cdr::reason).toList());
            assertEquals("interim", CdrJson.encode(all.get(0)).getString("record_type"));
            assertEquals("final", CdrJson.encode(all.get(2)).getString("record_type"));
        }
    }

    @Test
    void a_call_another_dispatcher_ended_leaves_no_counters_behind_on_the_one_that_acts_on_reports()
            throws Exception {
        // Two dispatchers share the sessions, as in a cluster; only the first acts on the node's reports.
        Dispatcher other = new Dispatcher(new SingleNode(node), store, accounting, clock, new SplittableRandom(2));
        try (UdpPeer a = new UdpPeer(); UdpPeer b = new UdpPeer(); UdpPeer c = new UdpPeer();
             UdpPeer d = new UdpPeer()) {
            await(dispatcher.handle(SdpCommand.offer("gone", "a", sdp(a))));
            await(dispatcher.handle(SdpCommand.answer("gone", "a", "b", sdp(b))));
            await(dispatcher.handle(SdpCommand.offer("stays", "a", sdp(c))));
            await(dispatcher.handle(SdpCommand.answer("stays", "a", "b", sdp(d))));
            String gone = store.get("gone").orElseThrow().sessionId();
            String stays = store.get("stays").orElseThrow().sessionId();
            // The node reports every 5 s (real time).
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> dispatcher.reports().lastInterim(gone).isPresent());
            await(other.delete(new DeleteCommand("gone", "a", Optional.empty())));
            clock.advance(Endings.STALE_INTERIM.plusSeconds(1));
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> dispatcher.reports().lastInterim(gone).isEmpty());
            assertTrue(dispatcher.reports().lastInterim(stays).isPresent(), "a call still up keeps its counters");
        }
    }
}
