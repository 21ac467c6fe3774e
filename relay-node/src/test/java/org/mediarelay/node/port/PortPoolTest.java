package org.mediarelay.node.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.PortPair;

class PortPoolTest {

    private static RandomGenerator seeded(long seed) {
        return new SplittableRandom(seed);
    }

    @Test
    void hands_out_every_pair_once_as_even_rtp_and_next_odd_rtcp_then_reports_exhaustion() {
        PortPool pool = new PortPool(new PortRange(30001, 30020), seeded(1));
        assertEquals(9, pool.capacity(), "30002..30019 holds 9 pairs; 30001 and 30020 cannot form one");
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            PortPair p = pool.allocate().orElseThrow();
            assertEquals(0, p.rtp() % 2);
            assertEquals(p.rtp() + 1, p.rtcp());
            assertTrue(p.rtp() >= 30002 && p.rtcp() <= 30019, p.toString());
            assertTrue(seen.add(p.rtp()), "pair handed out twice: " + p);
        }
        assertEquals(Optional.empty(), pool.allocate());
        assertEquals(0, pool.free());
    }

    @Test
    void the_order_is_not_predictable_from_the_range() {
        List<Integer> a = firstPorts(new PortPool(new PortRange(30000, 39999), seeded(7)), 20);
        List<Integer> b = firstPorts(new PortPool(new PortRange(30000, 39999), seeded(8)), 20);
        assertNotEquals(a, b);
        int sequentialSteps = 0;
        for (int i = 1; i < a.size(); i++) {
            if (a.get(i) == a.get(i - 1) + 2) {
                sequentialSteps++;
            }
        }
        assertTrue(sequentialSteps < 3, "allocations look sequential: " + a);
    }

    @Test
    void a_released_pair_is_reused_only_after_the_older_half_of_the_free_pairs() {
        PortPool pool = new PortPool(new PortRange(30000, 30199), seeded(3));
        PortPair first = pool.allocate().orElseThrow();
        pool.release(first);
        int freeWhenReleased = pool.free();
        for (int i = 0; i < freeWhenReleased / 2; i++) {
            assertNotEquals(first, pool.allocate().orElseThrow(), "reused after " + i + " allocations");
        }
    }

    @Test
    void releasing_twice_or_a_foreign_pair_is_a_bug_and_says_so() {
        PortPool pool = new PortPool(new PortRange(30000, 30009), seeded(4));
        PortPair p = pool.allocate().orElseThrow();
        pool.release(p);
        assertThrows(IllegalStateException.class, () -> pool.release(p));
        assertThrows(IllegalArgumentException.class, () -> pool.release(new PortPair(40000, 40001)));
        assertThrows(IllegalArgumentException.class, () -> pool.release(new PortPair(30001, 30002)));
    }

    @Test
    void churn_of_100000_allocate_release_cycles_ends_with_every_pair_free() {
        PortPool pool = new PortPool(new PortRange(30000, 30999), seeded(5));
        RandomGenerator r = seeded(6);
        Deque<PortPair> held = new ArrayDeque<>();
        for (int cycle = 0; cycle < 100_000; cycle++) {
            boolean allocate = held.isEmpty() || (r.nextInt(3) > 0 && pool.free() > 0);
            if (allocate) {
                held.add(pool.allocate().orElseThrow());
            } else {
                pool.release(r.nextBoolean() ? held.pollFirst() : held.pollLast());
            }
            assertEquals(pool.capacity(), pool.free() + held.size());
        }
        held.forEach(pool::release);
        assertEquals(pool.capacity(), pool.free());
        assertEquals(pool.capacity(), new HashSet<>(firstPorts(pool, pool.capacity())).size());
        assertFalse(pool.allocate().isPresent());
    }

    @Test
    void ranges_that_hold_no_pair_or_are_malformed_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new PortRange(30001, 30001));
        assertThrows(IllegalArgumentException.class, () -> new PortRange(30000, 20000));
        assertThrows(IllegalArgumentException.class, () -> new PortRange(0, 100));
        assertThrows(IllegalArgumentException.class, () -> new PortRange(100, 70000));
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("30000"));
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("a-b"));
        assertEquals(new PortRange(30000, 39999), PortRange.parse("30000-39999"));
    }

    private static List<Integer> firstPorts(PortPool pool, int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(pool.allocate().orElseThrow().rtp());
        }
        return out;
    }
}
