package org.mediarelay.node.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.port.PortPool;
import org.mediarelay.node.port.PortRange;
import org.mediarelay.node.testing.OpenFiles;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.testing.UdpQueues;

/** Port pairs bound ahead of the offers that take them, on real sockets of a real data plane. */
class PairBinderTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final DataPlane plane = new DataPlane(1);
    private PortRange range;
    private PairBinder binder;

    private PairBinder binder(int pairs, int ahead) {
        range = TestPorts.block(pairs);
        binder = new PairBinder(plane, new PortPool(range, new SplittableRandom()), MediaInterface.of(LOOPBACK, range), ahead);
        return binder;
    }

    @AfterEach
    void shutdown() throws Exception {
        if (binder != null) {
            binder.close();
        }
        plane.shutdown().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private Set<Integer> boundInRange() throws Exception {
        return UdpQueues.boundPorts(range.min(), range.max());
    }

    @Test
    void a_refill_binds_pairs_ahead_and_an_acquire_takes_one_of_them_without_binding() throws Exception {
        binder(16, 4);
        assertEquals(0, binder.ready(), "nothing is bound before the first refill");
        assertTrue(binder.refillWanted());
        binder.refill();

        assertEquals(4, binder.ready());
        Set<Integer> ahead = boundInRange();
        assertEquals(8, ahead.size(), "four pairs' sockets bound: " + ahead);
        assertEquals(16, binder.free(), "pairs bound ahead are still free");

        BoundPair taken = binder.acquire();
        assertEquals(3, binder.ready());
        assertTrue(ahead.contains(taken.ports().rtp()) && ahead.contains(taken.ports().rtcp()), taken.toString());
        assertEquals(ahead, boundInRange(), "no socket bound for the acquire");
        assertEquals(15, binder.free());
        binder.discard(taken);
        assertEquals(16, binder.free());
    }

    @Test
    void an_offer_arriving_while_a_refill_binds_the_last_free_pair_gets_that_pair_not_ports_exhausted()
            throws Exception {
        // The race needs the acquire to land in the microseconds the refill binds: many rounds, each a fresh binder
        // whose one pair the refill and the acquire both go for at once.
        for (int round = 0; round < 300; round++) {
            PairBinder b = binder(1, 1);
            CyclicBarrier start = new CyclicBarrier(2);
            Thread refill = new Thread(() -> {
                try {
                    start.await(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                b.refill();
            });
            refill.start();
            start.await(5, TimeUnit.SECONDS);
            BoundPair taken = b.acquire();
            refill.join(5000);
            assertEquals(range.min(), taken.ports().rtp(), "round " + round + ": the node's one pair");
            b.discard(taken);
            b.close();
            binder = null;
        }
    }

    @Test
    void one_refill_is_asked_for_at_a_time_and_none_once_enough_are_ready() {
        binder(16, 2);
        assertTrue(binder.refillWanted());
        assertFalse(binder.refillWanted(), "one is queued already");
        binder.refill();
        assertFalse(binder.refillWanted(), "two of two are ready");
        binder.discard(binder.acquire());
        assertTrue(binder.refillWanted(), "one was taken");
    }

    @Test
    void without_pairs_ahead_each_acquire_binds_its_own() throws Exception {
        binder(16, 0);
        assertFalse(binder.refillWanted());
        BoundPair pair = binder.acquire();
        assertEquals(Set.of(pair.ports().rtp(), pair.ports().rtcp()), boundInRange());
        binder.discard(pair);
        assertEquals(Set.of(), boundInRange());
    }

    @Test
    @SuppressWarnings("try") // the squatter only has to exist
    void a_refill_skips_a_port_another_socket_holds_and_returns_it_to_the_pool() throws Exception {
        binder(4, 4);
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(LOOPBACK, range.firstRtpPort() + 3))) {
            binder.refill();
            assertEquals(3, binder.ready(), "every pair but the one with the held port");
            assertEquals(4, binder.free(), "the skipped pair is back in the pool");
            assertFalse(boundInRange().contains(range.firstRtpPort() + 2), "its other port is not held either");
        }
    }

    @Test
    void pairs_bound_ahead_serve_requests_until_the_pool_and_they_are_empty() {
        binder(2, 2);
        binder.refill();
        assertEquals(2, binder.ready());
        Set<PortPair> taken = new HashSet<>();
        taken.add(binder.acquire().ports());
        taken.add(binder.acquire().ports());
        assertEquals(2, taken.size());
        assertThrows(PortsExhaustedException.class, binder::acquire);
        assertEquals(0, binder.free());
    }

    @Test
    void when_no_socket_can_be_made_a_refill_stops_quietly_and_an_acquire_says_why() throws Exception {
        binder(8, 8);
        binder.discard(binder.acquire()); // every class a bind needs is loaded (loading one opens its file)
        int openBefore = OpenFiles.sockets();
        List<BoundPair> taken = new ArrayList<>();
        try (OpenFiles.Limit limit = OpenFiles.limitTo(3)) {
            binder.refill();
            assertTrue(binder.ready() < 8, "the refill stopped where sockets ran out: " + binder.ready());
            while (binder.ready() > 0) {
                taken.add(binder.acquire());
            }
            SocketOpenException e = assertThrows(SocketOpenException.class, binder::acquire);
            assertTrue(e.getMessage().contains("Too many open files"), e.getMessage());
        }
        taken.forEach(binder::discard);
        assertEquals(8, binder.free(), "every pair back in the pool");
        assertEquals(openBefore, OpenFiles.sockets(), "no socket left open");
    }

    @Test
    void closing_closes_the_sockets_bound_ahead_and_frees_their_ports() throws Exception {
        binder(8, 4);
        binder.refill();
        assertEquals(8, boundInRange().size());
        binder.close();
        assertEquals(Set.of(), boundInRange());
        assertEquals(8, binder.free());
        assertFalse(binder.refillWanted(), "a closed binder binds no more");
        binder.refill();
        assertEquals(0, binder.ready());
    }
}
