package org.mediarelay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.AllocateRequest;
import org.mediarelay.node.api.AllocateResult;
import org.mediarelay.node.api.Counter;
import org.mediarelay.node.api.DropReason;
import org.mediarelay.node.api.NodeEvent;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PartyHints;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.api.ReleaseResult;
import org.mediarelay.node.api.StatsResult;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.forward.DataPlane;
import org.mediarelay.node.forward.SocketOpenException;
import org.mediarelay.node.port.PortRange;
import org.mediarelay.node.testing.BusyLoop;
import org.mediarelay.node.testing.OpenFiles;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.testing.UdpPeer;
import org.mediarelay.node.testing.UdpQueues;
import org.mediarelay.node.timer.NodeClock;

class RelayNodeTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final DataPlane plane = new DataPlane(1);
    private RelayNode node;

    private RelayNode node(PortRange range) {
        return node(range, RelayNodeConfig.DEFAULT_READY_PAIRS);
    }

    private RelayNode node(PortRange range, int readyPairs) {
        RelayNodeConfig config = new RelayNodeConfig("node-test", LOOPBACK, "127.0.0.1", range, 1,
                Duration.ofSeconds(5)).withReadyPairs(readyPairs);
        node = new RelayNode(config, plane, new SplittableRandom());
        return node;
    }

    @AfterEach
    void shutdown() throws Exception {
        if (node != null) {
            await(node.closeAll());
        }
        await(plane.shutdown());
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static PartyHints hints(InetSocketAddress rtp, InetSocketAddress rtcp) {
        return PartyHints.at(rtp, rtcp);
    }

    private static AllocateRequest request(String session, Party party, PartyHints hints) {
        return new AllocateRequest(session, "call-" + session, party, List.of(new StreamSetup(0, "audio", hints)));
    }

    private static InetSocketAddress at(int port) {
        return new InetSocketAddress(LOOPBACK, port);
    }

    /** A call with both parties signalled at their real addresses; returns the stream's ports. */
    private StreamPorts call(String session, UdpPeer caller, UdpPeer callerRtcp, UdpPeer callee, UdpPeer calleeRtcp)
            throws Exception {
        AllocateResult offer = await(node.allocate(request(session, Party.CALLER, hints(caller.address(), callerRtcp.address()))));
        AllocateResult answer = await(node.allocate(request(session, Party.CALLEE, hints(callee.address(), calleeRtcp.address()))));
        StreamPorts ports = assertInstanceOf(AllocateResult.Allocated.class, offer).streams().get(0);
        assertEquals(ports, assertInstanceOf(AllocateResult.Allocated.class, answer).streams().get(0),
                "the answer keeps the ports of the offer");
        return ports;
    }

    @Nested
    class Forwarding {

        @Test
        void rtp_and_rtcp_flow_both_ways_from_the_port_advertised_to_each_party_and_are_counted_exactly() throws Exception {
            node(TestPorts.block(16));
            try (UdpPeer caller = new UdpPeer(); UdpPeer callerRtcp = new UdpPeer();
                 UdpPeer callee = new UdpPeer(); UdpPeer calleeRtcp = new UdpPeer()) {
                StreamPorts ports = call("s1", caller, callerRtcp, callee, calleeRtcp);
                PortPair a = ports.callerFacing();
                PortPair b = ports.calleeFacing();
                for (int seq = 0; seq < 50; seq++) {
                    caller.send(UdpPeer.rtp(seq, 0x1111), at(a.rtp()));
                    UdpPeer.Received got = callee.receive().orElseThrow(() -> new AssertionError("callee lost a packet"));
                    assertEquals(seq, UdpPeer.sequenceOf(got.payload()));
                    assertEquals(at(b.rtp()), got.from(), "callee receives from the port advertised to it");

                    callee.send(UdpPeer.rtp(seq, 0x2222), at(b.rtp()));
                    UdpPeer.Received back = caller.receive().orElseThrow(() -> new AssertionError("caller lost a packet"));
                    assertEquals(seq, UdpPeer.sequenceOf(back.payload()));
                    assertEquals(at(a.rtp()), back.from(), "caller receives from the port advertised to it");
                }
                for (int i = 0; i < 5; i++) {
                    callerRtcp.send(UdpPeer.rtcp(0x1111), at(a.rtcp()));
                    assertEquals(at(b.rtcp()), calleeRtcp.receive().orElseThrow().from());
                    calleeRtcp.send(UdpPeer.rtcp(0x2222), at(b.rtcp()));
                    assertEquals(at(a.rtcp()), callerRtcp.receive().orElseThrow().from());
                }

                StreamStats s = released("s1");
                assertEquals(new Counter(50, 50 * 172), s.fromCaller().rtp());
                assertEquals(new Counter(50, 50 * 172), s.fromCallee().rtp());
                assertEquals(new Counter(5, 40), s.fromCaller().rtcp());
                assertEquals(new Counter(5, 40), s.fromCallee().rtcp());
                assertEquals(Optional.of(caller.address()), s.fromCaller().latchedRtp());
                assertEquals(Optional.of(calleeRtcp.address()), s.fromCallee().latchedRtcp());
                assertEquals(Map.of(), s.fromCaller().drops());
                assertEquals(2 * 50 + 2 * 5, node.forwardedPackets(), "the node-wide count its reports use");
                assertEquals(0, node.openStreams());
            }
        }

        @Test
        void a_natted_party_gets_media_at_its_sdp_address_until_it_sends_then_at_its_real_source() throws Exception {
            node(TestPorts.block(16));
            try (UdpPeer sdpAddress = new UdpPeer(); UdpPeer natted = new UdpPeer(); UdpPeer callee = new UdpPeer()) {
                await(node.allocate(request("nat", Party.CALLER, hints(sdpAddress.address(), sdpAddress.address()))));
                AllocateResult answer = await(node.allocate(request("nat", Party.CALLEE, hints(callee.address(), callee.address()))));
                StreamPorts ports = ((AllocateResult.Allocated) answer).streams().get(0);

                callee.send(UdpPeer.rtp(1, 2), at(ports.calleeFacing().rtp()));
                assertEquals(1, UdpPeer.sequenceOf(sdpAddress.receive().orElseThrow().payload()));

                natted.send(UdpPeer.rtp(100, 1), at(ports.callerFacing().rtp()));
                assertEquals(100, UdpPeer.sequenceOf(callee.receive().orElseThrow().payload()));
                callee.send(UdpPeer.rtp(2, 2), at(ports.calleeFacing().rtp()));
                UdpPeer.Received got = natted.receive().orElseThrow(() -> new AssertionError("media did not follow the latch"));
                assertEquals(2, UdpPeer.sequenceOf(got.payload()));
            }
        }

        @Test
        void packets_from_a_stranger_after_latching_are_dropped_and_counted() throws Exception {
            node(TestPorts.block(16));
            try (UdpPeer caller = new UdpPeer(); UdpPeer callee = new UdpPeer(); UdpPeer attacker = new UdpPeer()) {
                StreamPorts ports = call("bleed", caller, caller, callee, callee);
                caller.send(UdpPeer.rtp(1, 1), at(ports.callerFacing().rtp()));
                assertEquals(1, UdpPeer.sequenceOf(callee.receive().orElseThrow().payload()));

                for (int i = 0; i < 20; i++) {
                    attacker.send(UdpPeer.rtp(9000 + i, 666), at(ports.callerFacing().rtp()));
                }
                caller.send(UdpPeer.rtp(2, 1), at(ports.callerFacing().rtp()));
                assertEquals(2, UdpPeer.sequenceOf(callee.receive().orElseThrow().payload()),
                        "the next packet the callee sees is the caller's, none of the attacker's");

                StreamStats s = released("bleed");
                assertEquals(Map.of(DropReason.STRICT_SOURCE, 20L), s.fromCaller().drops());
                assertEquals(new Counter(2, 2 * 172), s.fromCaller().rtp());
            }
        }

        @Test
        void media_towards_a_party_with_no_known_address_is_dropped_and_counted() throws Exception {
            node(TestPorts.block(16));
            try (UdpPeer caller = new UdpPeer()) {
                AllocateResult offer = await(node.allocate(request("early", Party.CALLER, hints(caller.address(), caller.address()))));
                StreamPorts ports = ((AllocateResult.Allocated) offer).streams().get(0);
                caller.send(UdpPeer.rtp(1, 1), at(ports.callerFacing().rtp()));
                caller.send(UdpPeer.rtp(2, 1), at(ports.callerFacing().rtp()));
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                        await(streamStats("early")).fromCaller().dropped() == 2);
                assertEquals(Map.of(DropReason.NO_DESTINATION, 2L), released("early").fromCaller().drops());
            }
        }

        @Test
        void media_the_os_refuses_to_send_is_dropped_and_counted_as_send_failed() throws Exception {
            node(TestPorts.block(16));
            try (UdpPeer caller = new UdpPeer()) {
                await(node.allocate(request("refused", Party.CALLER, hints(caller.address(), caller.address()))));
                // The callee names the broadcast address, and the relay's sockets do not broadcast: the kernel refuses
                // each send (EACCES).
                InetSocketAddress broadcast = new InetSocketAddress(InetAddress.getByName("255.255.255.255"), 9);
                AllocateResult answer = await(node.allocate(
                        request("refused", Party.CALLEE, hints(broadcast, broadcast))));
                StreamPorts ports = ((AllocateResult.Allocated) answer).streams().get(0);
                caller.send(UdpPeer.rtp(1, 1), at(ports.callerFacing().rtp()));
                caller.send(UdpPeer.rtp(2, 1), at(ports.callerFacing().rtp()));
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                        await(streamStats("refused")).fromCaller().dropped() == 2);
                StreamStats s = released("refused");
                assertEquals(Map.of(DropReason.SEND_FAILED, 2L), s.fromCaller().drops());
                assertEquals(0, s.fromCaller().rtp().packets(), "nothing counted as forwarded");
            }
        }
    }

    @Nested
    class Interims {

        private final Map<String, AtomicInteger> reports = new ConcurrentHashMap<>();

        private int reportsOf(String session) {
            return reports.computeIfAbsent(session, k -> new AtomicInteger()).get();
        }

        @Test
        void every_open_session_reports_once_per_period_and_a_released_one_stops() throws Exception {
            PortRange range = TestPorts.block(16);
            node = new RelayNode(new RelayNodeConfig("node-test", LOOPBACK, "127.0.0.1", range, 1, Duration.ofSeconds(5)),
                    plane, new SplittableRandom(), NodeClock.system(), event -> {
                        if (event instanceof NodeEvent.Interims batch) {
                            batch.sessions().forEach(i -> reports.computeIfAbsent(i.sessionId(),
                                    k -> new AtomicInteger()).incrementAndGet());
                        }
                    });
            PartyHints none = PartyHints.NONE;
            await(node.allocate(request("s1", Party.CALLER, none)));
            await(node.allocate(request("s2", Party.CALLER, none)));
            Duration period = RelayNode.INTERIM_PERIOD;
            Awaitility.await().atMost(period.plusSeconds(2)).until(() -> reportsOf("s1") >= 1 && reportsOf("s2") >= 1);

            await(node.release("s1"));
            int s1AtRelease = reportsOf("s1");
            int s2AtRelease = reportsOf("s2");
            // s2 reports again a period later; by then s1's slice has come round too, without a report.
            Awaitility.await().atMost(period.plusSeconds(2)).until(() -> reportsOf("s2") > s2AtRelease);
            Awaitility.await().atMost(period.plusSeconds(2)).until(() -> reportsOf("s2") > s2AtRelease + 1);
            assertEquals(s1AtRelease, reportsOf("s1"), "a released session reports no more");
            assertTrue(reportsOf("s2") <= s2AtRelease + 3, "one report per period, not one per slice");
        }

        @Test
        void a_silent_streams_counters_are_the_same_object_until_a_packet_or_a_drop_changes_them() throws Exception {
            node(TestPorts.block(16));
            try (UdpPeer caller = new UdpPeer(); UdpPeer callee = new UdpPeer(); UdpPeer stranger = new UdpPeer()) {
                StreamPorts ports = call("quiet", caller, caller, callee, callee);
                StreamStats before = await(streamStats("quiet"));
                assertSame(before, await(streamStats("quiet")), "nothing happened: nothing new is made");

                caller.send(UdpPeer.rtp(1, 1), at(ports.callerFacing().rtp()));
                assertEquals(1, UdpPeer.sequenceOf(callee.receive().orElseThrow().payload()));
                StreamStats forwarded = await(streamStats("quiet"));
                assertEquals(new Counter(1, 172), forwarded.fromCaller().rtp());
                assertEquals(Optional.of(caller.address()), forwarded.fromCaller().latchedRtp());
                assertSame(forwarded.fromCallee(), before.fromCallee(), "the silent party's figures are kept");
                assertSame(forwarded, await(streamStats("quiet")));

                stranger.send(UdpPeer.rtp(9, 666), at(ports.callerFacing().rtp()));
                Awaitility.await().atMost(Duration.ofSeconds(5))
                        .until(() -> await(streamStats("quiet")).fromCaller().dropped() == 1);
                assertEquals(new Counter(1, 172), await(streamStats("quiet")).fromCaller().rtp());
            }
        }

        @Test
        void sessions_that_share_a_slice_of_the_period_report_in_one_event() throws Exception {
            List<NodeEvent.Interims> batches = new CopyOnWriteArrayList<>();
            node = new RelayNode(new RelayNodeConfig("node-test", LOOPBACK, "127.0.0.1", TestPorts.block(16), 1,
                    Duration.ofSeconds(5)), plane, new SplittableRandom(), NodeClock.system(), event -> {
                        if (event instanceof NodeEvent.Interims batch) {
                            batches.add(batch);
                        }
                    });
            // "Aa" and "BB" have the same hash code, so they fall in the same slice whatever the slice count.
            await(node.allocate(request("Aa", Party.CALLER, PartyHints.NONE)));
            await(node.allocate(request("BB", Party.CALLER, PartyHints.NONE)));
            Awaitility.await().atMost(RelayNode.INTERIM_PERIOD.multipliedBy(2).plusSeconds(2))
                    .until(() -> batches.stream().anyMatch(b -> b.sessions().size() == 2));
            for (NodeEvent.Interims b : batches) {
                assertEquals(Set.of("Aa", "BB"), b.sessions().stream().map(NodeEvent.Interim::sessionId)
                        .collect(Collectors.toSet()), "one event per slice, with both sessions: " + b);
                assertEquals("node-test", b.nodeId());
            }
        }
    }

    @Nested
    class Ports {

        @Test
        void when_the_pool_cannot_cover_a_stream_the_answer_is_exhaustion_and_nothing_leaks() throws Exception {
            node(TestPorts.block(1));
            AllocateResult r = await(node.allocate(request("x", Party.CALLER, PartyHints.NONE)));
            assertEquals(new AllocateResult.PortsExhausted(1, 2), r);
            assertEquals(1, node.freePortPairs());
            assertEquals(0, node.sessionCount());
        }

        @Test
        @SuppressWarnings("try") // the squatter only has to exist
        void a_port_held_by_another_socket_is_skipped_and_the_stream_still_opens() throws Exception {
            PortRange range = TestPorts.block(3);
            node(range);
            try (DatagramSocket squatter = new DatagramSocket(at(range.firstRtpPort() + 3))) {
                for (int round = 0; round < 5; round++) {
                    AllocateResult r = await(node.allocate(request("sq" + round, Party.CALLER, PartyHints.NONE)));
                    StreamPorts p = assertInstanceOf(AllocateResult.Allocated.class, r).streams().get(0);
                    int held = range.firstRtpPort() + 2;
                    assertTrue(p.callerFacing().rtp() != held && p.calleeFacing().rtp() != held, p.toString());
                    assertInstanceOf(ReleaseResult.Released.class, await(node.release("sq" + round)));
                }
            }
            assertEquals(3, node.freePortPairs());
        }

        @Test
        void when_the_open_file_limit_is_reached_the_request_is_refused_saying_so_and_nothing_leaks() throws Exception {
            node(TestPorts.block(8), 0); // every request binds its own sockets
            List<StreamSetup> two = List.of(new StreamSetup(0, "audio", PartyHints.NONE),
                    new StreamSetup(1, "video", PartyHints.NONE));
            // Loading a class from target/classes opens its file: every class the request needs is loaded first.
            await(node.allocate(new AllocateRequest("warm", "call-warm", Party.CALLER, two)));
            await(node.release("warm"));
            Class.forName(SocketOpenException.class.getName());
            Class.forName(AllocateResult.Rejected.class.getName());
            int openBefore = OpenFiles.sockets();
            AllocateResult refused;
            // Room for five more descriptors: the first stream's four sockets open, the second stream's fail.
            try (OpenFiles.Limit limit = OpenFiles.limitTo(5)) {
                refused = await(node.allocate(new AllocateRequest("fd", "call-fd", Party.CALLER, two)));
            }
            String reason = assertInstanceOf(AllocateResult.Rejected.class, refused).reason();
            assertTrue(reason.contains("Too many open files"), reason);
            assertEquals(8, node.freePortPairs(), "every pair back in the pool");
            assertEquals(0, node.sessionCount());
            assertEquals(openBefore, OpenFiles.sockets(), "every socket the request opened is closed");
            assertEquals(2, assertInstanceOf(AllocateResult.Allocated.class,
                    await(node.allocate(new AllocateRequest("fd", "call-fd", Party.CALLER, two)))).streams().size(),
                    "with descriptors to spare, the same request succeeds");
        }

        @Test
        void a_stream_on_pairs_bound_ahead_relays_only_what_is_sent_after_its_offer() throws Exception {
            PortRange range = TestPorts.block(16);
            node(range);
            StreamPorts first = ((AllocateResult.Allocated) await(node.allocate(
                    request("first", Party.CALLER, PartyHints.NONE)))).streams().get(0);
            // The first offer binds its own pairs; its loop then binds every other pair of the range ahead.
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> node.readyPortPairs() == 14);
            Set<Integer> ahead = UdpQueues.boundPorts(range.min(), range.max());
            ahead.removeAll(Set.of(first.callerFacing().rtp(), first.callerFacing().rtcp(),
                    first.calleeFacing().rtp(), first.calleeFacing().rtcp()));
            assertEquals(28, ahead.size(), ahead.toString());

            try (UdpPeer stranger = new UdpPeer(); UdpPeer caller = new UdpPeer(); UdpPeer callee = new UdpPeer()) {
                for (int port : ahead) {
                    stranger.send(UdpPeer.rtp(7000, 666), at(port));
                }
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> waitingIn(ahead) == ahead.size());

                StreamPorts ports = call("second", caller, caller, callee, callee);
                assertTrue(ahead.containsAll(List.of(ports.callerFacing().rtp(), ports.calleeFacing().rtcp())),
                        "the offer took pairs bound ahead: " + ports);
                caller.send(UdpPeer.rtp(1, 1), at(ports.callerFacing().rtp()));
                assertEquals(1, UdpPeer.sequenceOf(callee.receive().orElseThrow().payload()),
                        "the first packet the callee gets is the caller's, not what waited in the port");
                callee.send(UdpPeer.rtp(2, 2), at(ports.calleeFacing().rtp()));
                assertEquals(2, UdpPeer.sequenceOf(caller.receive().orElseThrow().payload()));

                StreamStats s = released("second");
                assertEquals(new Counter(1, 172), s.fromCaller().rtp());
                assertEquals(Map.of(), s.fromCaller().drops(), "what waited was never read as media");
                assertEquals(Map.of(), s.fromCallee().drops());
            }
        }

        /** How many of {@code ports} have a datagram waiting. */
        private long waitingIn(Set<Integer> ports) throws Exception {
            long n = 0;
            for (int port : ports) {
                n += UdpQueues.bytesWaiting(port) > 0 ? 1 : 0;
            }
            return n;
        }

        @Test
        void a_repeated_offer_keeps_the_ports_and_release_frees_them() throws Exception {
            node(TestPorts.block(4));
            AllocateResult first = await(node.allocate(request("r", Party.CALLER, PartyHints.NONE)));
            AllocateResult again = await(node.allocate(request("r", Party.CALLER, PartyHints.NONE)));
            assertEquals(first, again);
            assertEquals(2, node.freePortPairs());
            await(node.release("r"));
            assertEquals(4, node.freePortPairs());
            assertEquals(new ReleaseResult.UnknownSession("r"), await(node.release("r")));
        }

        @Test
        void a_stream_a_complete_request_leaves_out_closes_and_when_offered_again_gets_fresh_ports() throws Exception {
            node(TestPorts.block(8));
            StreamSetup audio = new StreamSetup(0, "audio", PartyHints.NONE);
            StreamSetup video = new StreamSetup(1, "video", PartyHints.NONE);
            List<StreamPorts> both = assertInstanceOf(AllocateResult.Allocated.class, await(node.allocate(
                    new AllocateRequest("k", "call-k", Party.CALLER, List.of(audio, video), true)))).streams();
            assertEquals(4, node.freePortPairs());

            AllocateResult audioOnly = await(node.allocate(
                    new AllocateRequest("k", "call-k", Party.CALLEE, List.of(audio), true)));
            assertEquals(List.of(both.get(0)), assertInstanceOf(AllocateResult.Allocated.class, audioOnly).streams());
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> node.freePortPairs() == 6);

            List<StreamPorts> again = assertInstanceOf(AllocateResult.Allocated.class, await(node.allocate(
                    new AllocateRequest("k", "call-k", Party.CALLER, List.of(audio, video), true)))).streams();
            assertEquals(both.get(0), again.get(0), "the stream that stayed keeps its ports");
            assertEquals(1, again.get(1).index());
            assertEquals(4, node.freePortPairs(), "the stream offered again has two pairs of its own");
            assertEquals(2, assertInstanceOf(StatsResult.Current.class, await(node.stats("k"))).streams().size());
        }

        @Test
        void an_answer_that_overtakes_its_offer_on_a_busy_loop_still_settles_the_offerers_rtcp_mux() throws Exception {
            node(TestPorts.block(8));
            try (UdpPeer callerRtp = new UdpPeer(); UdpPeer callerRtcp = new UdpPeer(); UdpPeer callee = new UdpPeer();
                 UdpPeer calleeRtcp = new UdpPeer()) {
                StreamPorts ports;
                try (BusyLoop busy = new BusyLoop(plane.loops().get(0))) {
                    // The caller offers mux; the answer refuses it (peerRtcpMux false) before the offer is installed.
                    ports = assertInstanceOf(AllocateResult.Allocated.class, node.allocate(request("mux-order",
                            Party.CALLER, hints(callerRtp.address(), callerRtcp.address()).withMux(true)))
                            .toCompletableFuture().getNow(null)).streams().get(0);
                    node.allocate(new AllocateRequest("mux-order", "call-mux-order", Party.CALLEE, List.of(
                            new StreamSetup(0, "audio", hints(callee.address(), calleeRtcp.address())).withPeerRtcpMux(
                                    false)))).toCompletableFuture().getNow(null);
                }
                calleeRtcp.send(UdpPeer.rtcp(0xB2), at(ports.calleeFacing().rtcp()));
                assertEquals(at(ports.callerFacing().rtcp()), callerRtcp.receive().orElseThrow(() ->
                        new AssertionError("the caller's RTCP went where its offer, not its answer, said")).from());
                assertTrue(callerRtp.receive(300).isEmpty());
            }
        }

        @Test
        void an_answer_returns_while_the_sessions_loop_is_busy_and_media_sent_after_it_meets_its_hints()
                throws Exception {
            node(TestPorts.block(8));
            BusyLoop busy = new BusyLoop(plane.loops().get(0));
            try (UdpPeer caller = new UdpPeer(); UdpPeer callee = new UdpPeer()) {
                StreamPorts ports;
                CompletableFuture<AllocateResult> reOfferWithVideo;
                try {
                    AllocateResult offer = node.allocate(request("busy", Party.CALLER, hints(caller.address(),
                            caller.address()))).toCompletableFuture().getNow(null);
                    AllocateResult answer = node.allocate(request("busy", Party.CALLEE, hints(callee.address(),
                            callee.address()))).toCompletableFuture().getNow(null);
                    ports = assertInstanceOf(AllocateResult.Allocated.class, offer, "the offer did not wait").streams().get(0);
                    assertEquals(List.of(ports), assertInstanceOf(AllocateResult.Allocated.class, answer,
                            "the answer did not wait").streams());
                    caller.send(UdpPeer.rtp(1, 0x1111), at(ports.callerFacing().rtp()));
                    reOfferWithVideo = node.allocate(new AllocateRequest("busy", "call-busy", Party.CALLER, List.of(
                            new StreamSetup(0, "audio", hints(caller.address(), caller.address())),
                            new StreamSetup(1, "video", PartyHints.NONE)), true)).toCompletableFuture();
                    assertFalse(reOfferWithVideo.isDone(), "a request that opens a stream waits for the loop");
                } finally {
                    busy.close();
                }
                UdpPeer.Received got = callee.receive().orElseThrow(() -> new AssertionError("media sent right after "
                        + "the answer did not reach the address the answer gave"));
                assertEquals(1, UdpPeer.sequenceOf(got.payload()));
                assertEquals(at(ports.calleeFacing().rtp()), got.from());
                assertEquals(2, assertInstanceOf(AllocateResult.Allocated.class, await(reOfferWithVideo)).streams().size());
            }
        }

        @Test
        void a_node_shutting_down_refuses_new_sessions() throws Exception {
            node(TestPorts.block(4));
            await(node.closeAll());
            assertInstanceOf(AllocateResult.Rejected.class, await(node.allocate(request("late", Party.CALLER, PartyHints.NONE))));
        }
    }

    private CompletionStage<StreamStats> streamStats(String session) {
        return node.stats(session).thenApply(r -> ((StatsResult.Current) r).streams().get(0));
    }

    private StreamStats released(String session) throws Exception {
        ReleaseResult r = await(node.release(session));
        return assertInstanceOf(ReleaseResult.Released.class, r).streams().get(0);
    }
}
