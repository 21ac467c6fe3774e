package org.mediarelay.node.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimerWheelTest {

    @Test
    void an_item_falls_due_at_the_first_tick_at_or_after_its_deadline_and_not_before() {
        TimerWheel<String> wheel = new TimerWheel<>(100, 8, 0);
        wheel.schedule("a", 250);
        assertEquals(List.of(), wheel.advance(299));
        assertEquals(List.of("a"), wheel.advance(300));
        assertEquals(0, wheel.size());
    }

    @Test
    void deadlines_beyond_one_turn_of_the_wheel_wait_for_their_round() {
        TimerWheel<String> wheel = new TimerWheel<>(100, 8, 0);
        wheel.schedule("far", 2_000);
        wheel.schedule("near", 100);
        assertEquals(List.of("near"), wheel.advance(1_900));
        assertEquals(List.of("far"), wheel.advance(2_000));
    }

    @Test
    void a_cancelled_item_never_falls_due() {
        TimerWheel<String> wheel = new TimerWheel<>(100, 8, 0);
        wheel.schedule("gone", 500).cancel();
        wheel.schedule("kept", 500);
        assertEquals(List.of("kept"), wheel.advance(10_000));
        assertEquals(0, wheel.size());
    }

    @Test
    void a_cancelled_entry_leaves_the_wheel_at_once_so_its_item_is_no_longer_held() {
        TimerWheel<String> wheel = new TimerWheel<>(100, 8, 0);
        TimerWheel.Entry<String> first = wheel.schedule("first", 60_000);
        TimerWheel.Entry<String> middle = wheel.schedule("middle", 60_000);
        TimerWheel.Entry<String> last = wheel.schedule("last", 60_000);
        middle.cancel();
        assertEquals(2, wheel.size());
        last.cancel();
        first.cancel();
        first.cancel();
        assertEquals(0, wheel.size());
        assertEquals(List.of(), wheel.advance(120_000));
    }

    @Test
    void cancelling_an_entry_that_already_fell_due_changes_nothing() {
        TimerWheel<String> wheel = new TimerWheel<>(100, 8, 0);
        TimerWheel.Entry<String> due = wheel.schedule("due", 100);
        wheel.schedule("later", 150);
        assertEquals(List.of("due"), wheel.advance(100));
        due.cancel();
        assertEquals(1, wheel.size());
        assertEquals(List.of("later"), wheel.advance(200));
    }

    @Test
    void many_random_deadlines_each_fall_due_once_within_one_tick_after_their_deadline() {
        TimerWheel<Integer> wheel = new TimerWheel<>(10, 64, 1_000);
        SplittableRandom random = new SplittableRandom(42);
        long[] deadlines = new long[100_000];
        for (int i = 0; i < deadlines.length; i++) {
            deadlines[i] = 1_000 + random.nextLong(0, 120_000);
            wheel.schedule(i, deadlines[i]);
        }
        Set<Integer> seen = new HashSet<>();
        List<Integer> late = new ArrayList<>();
        for (long now = 1_000; now <= 125_000; now += 37) {
            for (int i : wheel.advance(now)) {
                assertTrue(seen.add(i), "due twice: " + i);
                if (now < deadlines[i] || now - deadlines[i] >= 10 + 37) {
                    late.add(i);
                }
            }
        }
        assertEquals(deadlines.length, seen.size());
        assertEquals(List.of(), late);
    }
}
