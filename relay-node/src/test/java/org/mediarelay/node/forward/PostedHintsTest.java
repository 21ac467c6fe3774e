package org.mediarelay.node.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediarelay.node.testing.NodeHarness.at;
import static org.mediarelay.node.testing.NodeHarness.relay;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.api.StreamState;
import org.mediarelay.node.ice.IcePolicy;
import org.mediarelay.node.kernel.KernelPath;
import org.mediarelay.node.latch.LatchPolicy;
import org.mediarelay.node.loop.SessionLoop;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.port.PortPool;
import org.mediarelay.node.port.PortRange;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.testing.UdpPeer;
import org.mediarelay.node.timer.NodeClock;

/**
 * Hints posted to a stream from a thread other than its loop (a control thread answering without waiting for the
 * loop): no task of the loop applies them here, so what is asserted is that the stream applies them itself before it
 * handles the next packet.
 */
class PostedHintsTest {

    private final DataPlane plane = new DataPlane(1);
    private final SessionLoop loop = new SessionLoop(plane.loops().get(0), NodeClock.system());
    private MediaStream stream;

    @BeforeEach
    void open() throws Exception {
        InetAddress relay = InetAddress.getLoopbackAddress();
        // A port another process holds is skipped by the binder.
        PortRange ports = TestPorts.block(8);
        PairBinder binder = new PairBinder(plane, new PortPool(ports, new SplittableRandom()),
                MediaInterface.of(relay, ports), 0);
        stream = MediaStream.open(loop, Set.of(relay), 0, "audio", binder.acquire(), binder.acquire(),
                LatchPolicy.DEFAULT, IcePolicy.DEFAULT, KernelPath.NONE);
        loop.submit(() -> {
            stream.start();
            return CompletableFuture.completedFuture(null);
        }).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        loop.submit(() -> stream.close(StreamState.RELAYED)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        plane.shutdown().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void hints_posted_from_another_thread_are_in_effect_for_the_next_packet() throws Exception {
        try (UdpPeer caller = new UdpPeer(); UdpPeer callee = new UdpPeer()) {
            stream.post(Party.CALLER, new StreamSetup(0, "audio", at(caller.address())));
            stream.post(Party.CALLEE, new StreamSetup(0, "audio", at(callee.address())));

            caller.send(UdpPeer.rtp(1, 0xA1), relay(stream.facing(Party.CALLER).rtp()));
            UdpPeer.Received got = callee.receive().orElseThrow(() ->
                    new AssertionError("the packet did not meet the callee's posted address"));
            assertEquals(1, UdpPeer.sequenceOf(got.payload()));
            assertEquals(relay(stream.facing(Party.CALLEE).rtp()), got.from());
        }
    }

    @Test
    void hints_posted_one_after_another_take_effect_in_that_order() throws Exception {
        try (UdpPeer caller = new UdpPeer(); UdpPeer first = new UdpPeer(); UdpPeer second = new UdpPeer()) {
            stream.post(Party.CALLER, new StreamSetup(0, "audio", at(caller.address())));
            stream.post(Party.CALLEE, new StreamSetup(0, "audio", at(first.address())));
            stream.post(Party.CALLEE, new StreamSetup(0, "audio", at(second.address())));

            caller.send(UdpPeer.rtp(7, 0xA1), relay(stream.facing(Party.CALLER).rtp()));
            assertEquals(7, UdpPeer.sequenceOf(second.receive().orElseThrow(() ->
                    new AssertionError("the later hint did not win")).payload()));
            assertEquals(Optional.empty(), first.receive(200), "the earlier address got nothing");
        }
    }

    @Test
    void applying_posted_hints_on_the_loop_leaves_nothing_for_the_next_packet_to_apply_again() throws Exception {
        try (UdpPeer caller = new UdpPeer(); UdpPeer callee = new UdpPeer(); UdpPeer stale = new UdpPeer()) {
            stream.post(Party.CALLER, new StreamSetup(0, "audio", at(caller.address())));
            stream.post(Party.CALLEE, new StreamSetup(0, "audio", at(stale.address())));
            loop.submit(() -> {
                stream.applyPosted();
                // Signalled on the loop after the posted hints were applied: this is the newest word.
                stream.applyHints(Party.CALLEE, new StreamSetup(0, "audio", at(callee.address())));
                return CompletableFuture.completedFuture(null);
            }).toCompletableFuture().get(5, TimeUnit.SECONDS);

            caller.send(UdpPeer.rtp(3, 0xA1), relay(stream.facing(Party.CALLER).rtp()));
            assertTrue(callee.receive().isPresent(), "the callee's latest address got the packet");
            assertEquals(Optional.empty(), stale.receive(200), "the posted hints were not applied a second time");
        }
    }
}
