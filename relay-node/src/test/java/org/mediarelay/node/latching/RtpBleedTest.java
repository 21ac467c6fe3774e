package org.mediarelay.node.latching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediarelay.node.testing.NodeHarness.loopback;
import static org.mediarelay.node.testing.NodeHarness.relay;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mediarelay.node.api.EndpointLearning;
import org.mediarelay.node.api.DropReason;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PartyHints;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.latch.LatchPolicy;
import org.mediarelay.node.port.PortRange;
import org.mediarelay.node.testing.ManualClock;
import org.mediarelay.node.testing.NodeHarness;
import org.mediarelay.node.testing.UdpPeer;

/**
 * RTP Bleed / Inject (CVE-2017-14099) against real sockets: an attacker at its own address sprays RTP at every port
 * of the node's range before, during and after a call is set up. The caller sends from its SDP address; the callee is
 * behind NAT (its SDP names an address nobody listens on) and sends from the SIP source address the proxy reported.
 */
class RtpBleedTest {

    private static final int PACKETS = 150;
    private static final long CALLER_SSRC = 0xA1A1;
    private static final long CALLEE_SSRC = 0xB2B2;

    private NodeHarness harness;
    private Sprayer sprayer;

    @AfterEach
    void stop() throws Exception {
        if (sprayer != null) {
            sprayer.stop();
        }
        if (harness != null) {
            harness.close();
        }
    }

    /** Sprays RTP with random SSRCs and sequence numbers at every port of a range, bounded in rounds and time. */
    static final class Sprayer implements AutoCloseable {
        final UdpPeer socket = new UdpPeer(loopback(66));
        final AtomicInteger rounds = new AtomicInteger();
        final AtomicInteger received = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread sender;
        private final Thread listener;

        Sprayer(PortRange range) {
            SplittableRandom random = new SplittableRandom(7);
            sender = new Thread(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                for (int round = 0; round < 5_000 && running.get() && System.nanoTime() < deadline; round++) {
                    for (int port = range.min(); port <= range.max(); port++) {
                        socket.send(UdpPeer.rtp(random.nextInt(65536), random.nextInt()), relay(port));
                    }
                    rounds.incrementAndGet();
                    // A heavy spray (16,000 packets/s at 8 pairs), paced so that it tests hijacking, not a flood.
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            }, "rtp-bleed-sprayer");
            listener = new Thread(() -> {
                while (running.get()) {
                    socket.receive(200).ifPresent(r -> received.incrementAndGet());
                }
            }, "rtp-bleed-listener");
            sender.start();
            listener.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            sender.join(5_000);
            listener.join(5_000);
            socket.close();
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    @ParameterizedTest(name = "endpoint-learning {0}")
    @EnumSource(value = EndpointLearning.class, names = {"HEURISTIC", "DELAYED", "OFF"})
    void an_attacker_spraying_every_port_before_during_and_after_setup_neither_hears_nor_injects_anything(
            EndpointLearning mode) throws Exception {
        harness = new NodeHarness(NodeHarness.config(8).withLatch(LatchPolicy.DEFAULT.withLearning(mode)),
                new ManualClock().nodeClock());
        sprayer = new Sprayer(harness.config.primary().ports());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sprayer.rounds.get() >= 20);
        try (UdpPeer caller = new UdpPeer(loopback(2)); UdpPeer callee = new UdpPeer(loopback(3))) {
            StreamPorts ports = harness.signal("bleed", Party.CALLER, NodeHarness.at(caller.address()));
            InetSocketAddress natted = new InetSocketAddress(loopback(99), 40000);
            harness.signal("bleed", Party.CALLEE, NodeHarness.at(natted).withSignalling(loopback(3)));
            InetSocketAddress toCaller = relay(ports.callerFacing().rtp());
            InetSocketAddress toCallee = relay(ports.calleeFacing().rtp());

            for (int seq = 0; seq < PACKETS; seq++) {
                callee.send(UdpPeer.rtp(seq, CALLEE_SSRC), toCallee);
                UdpPeer.Received atCaller = caller.receive().orElseThrow(() -> new AssertionError("caller lost a packet"));
                assertEquals(CALLEE_SSRC, UdpPeer.ssrcOf(atCaller.payload()), "nothing injected towards the caller");
                assertEquals(seq, UdpPeer.sequenceOf(atCaller.payload()));
                caller.send(UdpPeer.rtp(seq, CALLER_SSRC), toCaller);
                UdpPeer.Received atCallee = callee.receive().orElseThrow(() -> new AssertionError("callee lost a packet"));
                assertEquals(CALLER_SSRC, UdpPeer.ssrcOf(atCallee.payload()), "nothing injected towards the callee");
                assertEquals(seq, UdpPeer.sequenceOf(atCallee.payload()));
            }
            int roundsDuringCall = sprayer.rounds.get();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sprayer.rounds.get() >= roundsDuringCall + 20);
            assertEquals(List.of(), caller.drain(200), "no stray packet reached the caller");
            assertEquals(List.of(), callee.drain(200), "no stray packet reached the callee");

            StreamStats s = harness.release("bleed");
            assertEquals(PACKETS, s.fromCaller().rtp().packets());
            assertEquals(PACKETS, s.fromCallee().rtp().packets());
            assertEquals(Optional.of(caller.address()), s.fromCaller().latchedRtp());
            long refused = s.fromCaller().dropped() + s.fromCallee().dropped();
            assertTrue(refused > 100, "the attacker's packets were dropped and counted: " + s);
            assertTrue(s.fromCallee().drops().keySet().stream().allMatch(r -> r == DropReason.STRICT_SOURCE
                    || r == DropReason.LEARNING || r == DropReason.UNKNOWN_SOURCE || r == DropReason.MALFORMED), s.toString());
        }
        int after = sprayer.rounds.get();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sprayer.rounds.get() >= after + 20);
        sprayer.stop();
        assertEquals(0, sprayer.received.get(), "the attacker heard nothing, before, during or after the call");
    }

    @ParameterizedTest(name = "endpoint-learning {0}")
    @EnumSource(value = EndpointLearning.class, names = {"HEURISTIC", "DELAYED", "OFF"})
    void a_nat_rebinding_keeps_the_callees_media_while_the_attacker_still_gets_nothing(EndpointLearning mode)
            throws Exception {
        LatchPolicy quick = new LatchPolicy(Duration.ofSeconds(1), true, Duration.ofMillis(300), 5, mode);
        ManualClock clock = new ManualClock();
        harness = new NodeHarness(NodeHarness.config(8).withLatch(quick), clock.nodeClock());
        sprayer = new Sprayer(harness.config.primary().ports());
        try (UdpPeer caller = new UdpPeer(loopback(2)); UdpPeer before = new UdpPeer(loopback(3));
             UdpPeer after = new UdpPeer(loopback(3))) {
            StreamPorts ports = harness.signal("rebind", Party.CALLER, NodeHarness.at(caller.address()));
            PartyHints callee = NodeHarness.at(new InetSocketAddress(loopback(99), 40000)).withSignalling(loopback(3));
            harness.signal("rebind", Party.CALLEE, callee);
            InetSocketAddress toCaller = relay(ports.callerFacing().rtp());
            InetSocketAddress toCallee = relay(ports.calleeFacing().rtp());
            int seq = 0;
            for (; seq < 20; seq++) {
                before.send(UdpPeer.rtp(seq, CALLEE_SSRC), toCallee);
                assertEquals(seq, UdpPeer.sequenceOf(caller.receive().orElseThrow().payload()));
            }
            clock.advance(Duration.ofSeconds(2));
            caller.send(UdpPeer.rtp(1, CALLER_SSRC), toCaller);
            assertEquals(1, UdpPeer.sequenceOf(before.receive().orElseThrow().payload()), "latched to the first mapping");

            // The NAT gives the callee a new port; its old one goes silent. It keeps sending its stream.
            clock.advance(Duration.ofSeconds(1));
            int[] next = {seq};
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
                after.send(UdpPeer.rtp(next[0]++, CALLEE_SSRC), toCallee);
                return caller.receive(50).isPresent();
            });
            caller.send(UdpPeer.rtp(2, CALLER_SSRC), toCaller);
            UdpPeer.Received moved = after.receive().orElseThrow(() -> new AssertionError("media did not follow the rebinding"));
            assertEquals(2, UdpPeer.sequenceOf(moved.payload()));
            assertEquals(Optional.empty(), before.receive(200), "the old mapping hears nothing more");
            StreamStats s = harness.release("rebind");
            assertEquals(1, s.fromCallee().relatches());
            assertEquals(Optional.of(after.address()), s.fromCallee().latchedRtp());
        }
        sprayer.stop();
        assertEquals(0, sprayer.received.get());
    }

    @Test
    void immediate_learning_is_unsafe_as_documented_an_attacker_spraying_the_range_hears_the_call() throws Exception {
        harness = new NodeHarness(NodeHarness.config(8).withLatch(LatchPolicy.DEFAULT.withLearning(
                EndpointLearning.IMMEDIATE)), new ManualClock().nodeClock());
        sprayer = new Sprayer(harness.config.primary().ports());
        try (UdpPeer caller = new UdpPeer(loopback(2)); UdpPeer callee = new UdpPeer(loopback(3))) {
            StreamPorts ports = harness.signal("unsafe", Party.CALLER, NodeHarness.at(caller.address()));
            harness.signal("unsafe", Party.CALLEE, NodeHarness.at(new InetSocketAddress(loopback(99), 40000))
                    .withSignalling(loopback(3)));
            int[] seq = {0};
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                caller.send(UdpPeer.rtp(seq[0]++, CALLER_SSRC), relay(ports.callerFacing().rtp()));
                return sprayer.received.get() > 0;
            });
        }
    }
}
