package org.mediarelay.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.AllocateRequest;
import org.mediarelay.node.api.AllocateResult;
import org.mediarelay.node.api.Counter;
import org.mediarelay.node.api.KernelTotals;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PartyHints;
import org.mediarelay.node.api.ReleaseResult;
import org.mediarelay.node.api.RtpQuality;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.forward.DataPlane;
import org.mediarelay.node.kernel.KernelPath;
import org.mediarelay.node.kernel.KernelRoute;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.testing.UdpPeer;
import org.mediarelay.node.timer.NodeClock;

/**
 * When a node hands a stream to its kernel path and takes it back, and how the kernel's counts reach the stream's
 * figures. The kernel path here is a recording stand-in (KernelPathTest and KernelForwarderTest use the real one);
 * the sockets and packets are real.
 */
class KernelHandOverTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final DataPlane plane = new DataPlane(1);
    private final RecordingKernel kernel = new RecordingKernel();
    private final RelayNode node = new RelayNode(new RelayNodeConfig("kernel-node", LOOPBACK, "127.0.0.1",
            TestPorts.block(16), 1, Duration.ofSeconds(5)), plane, new SplittableRandom(), NodeClock.system(),
            e -> { }, kernel);

    @AfterEach
    void shutdown() throws Exception {
        node.closeAll().toCompletableFuture().get(10, TimeUnit.SECONDS);
        plane.shutdown().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void a_stream_is_handed_over_once_both_parties_are_confirmed_with_a_route_each_way() throws Exception {
        try (UdpPeer caller = new UdpPeer(); UdpPeer callee = new UdpPeer()) {
            StreamPorts ports = call("s1", plain(caller), plain(callee));
            caller.send(UdpPeer.rtp(0, 0x1111), at(ports.callerFacing().rtp()));
            callee.receive().orElseThrow();
            assertEquals(List.of(), kernel.asked, "the callee is not confirmed yet");
            callee.send(UdpPeer.rtp(0, 0x2222), at(ports.calleeFacing().rtp()));
            caller.receive().orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> kernel.asked.size() == 1);
            InetSocketAddress callerIn = at(ports.callerFacing().rtp());
            InetSocketAddress calleeIn = at(ports.calleeFacing().rtp());
            assertEquals(List.of(new KernelPath.Direction(caller.address(), callerIn, calleeIn, callee.address()),
                    new KernelPath.Direction(callee.address(), calleeIn, callerIn, caller.address())),
                    kernel.asked.get(0).directions);
        }
    }

    @Test
    void what_the_kernel_forwarded_is_in_the_released_counters_exactly() throws Exception {
        try (UdpPeer caller = new UdpPeer(); UdpPeer callee = new UdpPeer()) {
            StreamPorts ports = call("s2", plain(caller), plain(callee));
            caller.send(UdpPeer.rtp(0, 0x1111), at(ports.callerFacing().rtp()));
            callee.receive().orElseThrow();
            callee.send(UdpPeer.rtp(0, 0x2222), at(ports.calleeFacing().rtp()));
            caller.receive().orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> kernel.asked.size() == 1);
            Asked routes = kernel.asked.get(0);
            routes.executor.execute(() -> routes.listener.installed(routes, 1_000_000));
            // A running count while the call goes on, then the final totals when the routes come out.
            routes.executor.execute(() -> routes.listener.counted(routes, new long[] {10, 4},
                    new long[] {10 * 200, 4 * 200}));
            routes.finalTotals = new KernelPath.Totals(new long[] {30, 7}, new long[] {30 * 200, 7 * 200});
            StreamStats s = assertInstanceOf(ReleaseResult.Released.class, node.release("s2").toCompletableFuture()
                    .get(10, TimeUnit.SECONDS)).streams().get(0);
            assertTrue(routes.removed, "the routes came out with the call");
            assertEquals(new Counter(31, 31 * 172), s.fromCaller().rtp(), "one through userspace, 30 in the kernel");
            assertEquals(new Counter(8, 8 * 172), s.fromCallee().rtp());
            assertEquals(new Counter(30, 30 * 172), s.fromCaller().kernel());
            assertEquals(new Counter(7, 7 * 172), s.fromCallee().kernel());
            assertEquals(RtpQuality.Source.RELAY_PARTIAL, s.fromCaller().quality().orElseThrow().source(),
                    "no receiver report came: the relay's figures cover only what it saw");
        }
    }

    @Test
    void the_quality_of_what_the_kernel_forwarded_comes_from_the_receivers_rtcp_reports() throws Exception {
        try (UdpPeer caller = new UdpPeer(); UdpPeer callerRtcp = new UdpPeer(); UdpPeer callee = new UdpPeer();
             UdpPeer calleeRtcp = new UdpPeer()) {
            StreamPorts ports = call("s5", PartyHints.at(caller.address(), callerRtcp.address()),
                    PartyHints.at(callee.address(), calleeRtcp.address()));
            caller.send(UdpPeer.rtp(0, 0x1111), at(ports.callerFacing().rtp()));
            callee.receive().orElseThrow();
            callee.send(UdpPeer.rtp(0, 0x2222), at(ports.calleeFacing().rtp()));
            caller.receive().orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> kernel.asked.size() == 1);
            Asked routes = kernel.asked.get(0);
            routes.executor.execute(() -> routes.listener.installed(routes, 1_000_000));
            routes.finalTotals = new KernelPath.Totals(new long[] {104, 0}, new long[] {104 * 200, 0});
            // The callee's report on the caller's stream: 105 packets expected (0 to 104), 3 lost, jitter 80 units.
            calleeRtcp.send(receiverReport(0x2222, 0x1111, 3, 104, 80), at(ports.calleeFacing().rtcp()));
            callerRtcp.receive().orElseThrow(() -> new AssertionError("the report goes on to the caller"));
            StreamStats s = assertInstanceOf(ReleaseResult.Released.class, node.release("s5").toCompletableFuture()
                    .get(10, TimeUnit.SECONDS)).streams().get(0);
            RtpQuality q = s.fromCaller().quality().orElseThrow();
            assertEquals(RtpQuality.Source.RTCP, q.source());
            assertEquals(105, q.expected());
            assertEquals(3, q.lost());
            assertEquals(10.0, q.jitterMillis(), 1e-9, "80 units of PCMU's 8 kHz clock");
            assertEquals(RtpQuality.Source.RELAY, s.fromCallee().quality().orElseThrow().source(),
                    "the relay saw every packet the callee sent");
        }
    }

    /** An RTCP RR from {@code sender} with one report block on {@code source}. */
    private static byte[] receiverReport(long sender, long source, int lost, long highest, long jitter) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(32);
        b.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt((int) sender).putInt((int) source)
                .putInt(lost & 0xFFFFFF).putInt((int) highest).putInt((int) jitter).putInt(0).putInt(0);
        return b.array();
    }

    @Test
    void a_stream_whose_parties_do_ice_stays_in_userspace_until_ice_settles_through_the_relay() throws Exception {
        try (UdpPeer caller = new UdpPeer(); UdpPeer callee = new UdpPeer()) {
            PartyHints callerIce = plain(caller).withIce(true, List.of());
            PartyHints calleeIce = plain(callee).withIce(true, List.of());
            StreamPorts ports = call("s3", callerIce, calleeIce);
            for (int seq = 0; seq < 5; seq++) {
                caller.send(UdpPeer.rtp(seq, 0x1111), at(ports.callerFacing().rtp()));
                callee.receive().orElseThrow();
                callee.send(UdpPeer.rtp(seq, 0x2222), at(ports.calleeFacing().rtp()));
                caller.receive().orElseThrow();
            }
            assertEquals(List.of(), kernel.asked, "ICE may still go around the relay: it must see the media");
            // The caller's re-offer names the pair ICE selected: the relay's.
            InetSocketAddress relay = at(ports.callerFacing().rtp());
            allocate("s3", Party.CALLER, plain(caller).withIce(true, List.of(relay)));
            await().atMost(Duration.ofSeconds(10)).until(() -> kernel.asked.size() == 1);
        }
    }

    @Test
    void a_re_offer_that_turns_ice_on_takes_the_stream_back_from_the_kernel() throws Exception {
        try (UdpPeer caller = new UdpPeer(); UdpPeer callee = new UdpPeer()) {
            StreamPorts ports = call("s4", plain(caller), plain(callee));
            caller.send(UdpPeer.rtp(0, 0x1111), at(ports.callerFacing().rtp()));
            callee.receive().orElseThrow();
            callee.send(UdpPeer.rtp(0, 0x2222), at(ports.calleeFacing().rtp()));
            caller.receive().orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> kernel.asked.size() == 1);
            allocate("s4", Party.CALLER, plain(caller).withIce(true, List.of()));
            allocate("s4", Party.CALLEE, plain(callee).withIce(true, List.of()));
            await().atMost(Duration.ofSeconds(10)).until(() -> kernel.asked.get(0).removed);
        }
    }

    private StreamPorts call(String session, PartyHints caller, PartyHints callee) throws Exception {
        allocate(session, Party.CALLER, caller);
        return allocate(session, Party.CALLEE, callee);
    }

    private StreamPorts allocate(String session, Party party, PartyHints hints) throws Exception {
        AllocateResult r = node.allocate(new AllocateRequest(session, "call-" + session, party,
                List.of(new StreamSetup(0, "audio", hints)))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        return assertInstanceOf(AllocateResult.Allocated.class, r).streams().get(0);
    }

    /** A party's plain RTP hints at its socket (RTCP on the next port, where nothing is sent). */
    private static PartyHints plain(UdpPeer party) {
        return PartyHints.at(party.address(), at(party.address().getPort() + 1));
    }

    private static InetSocketAddress at(int port) {
        return new InetSocketAddress(LOOPBACK, port);
    }

    /** One stream's request to the stand-in, and what became of it. */
    private static final class Asked implements KernelPath.Installation {
        final List<KernelPath.Direction> directions;
        final Executor executor;
        final KernelPath.Listener listener;
        volatile KernelPath.Totals finalTotals = KernelPath.Totals.none(2);
        volatile boolean removed;

        Asked(List<KernelPath.Direction> directions, Executor executor, KernelPath.Listener listener) {
            this.directions = directions;
            this.executor = executor;
            this.listener = listener;
        }

        @Override
        public List<KernelRoute> routes() {
            return List.of();
        }
    }

    /** A kernel path that takes every request and reports only what the test tells it to. */
    private static final class RecordingKernel implements KernelPath {
        final List<Asked> asked = new CopyOnWriteArrayList<>();

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public KernelTotals totals() {
            return KernelTotals.NONE;
        }

        @Override
        public boolean reaches(InetAddress destination) {
            return true;
        }

        @Override
        public Installation install(List<Direction> directions, Executor executor, Listener listener) {
            Asked a = new Asked(directions, executor, listener);
            asked.add(a);
            return a;
        }

        @Override
        public CompletionStage<Totals> remove(Installation installation) {
            Asked a = (Asked) installation;
            a.removed = true;
            return CompletableFuture.completedFuture(a.finalTotals);
        }
    }
}
