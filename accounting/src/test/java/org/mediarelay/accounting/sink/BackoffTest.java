package org.mediarelay.accounting.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void waits_double_from_the_first_up_to_the_maximum_each_spread_by_at_most_a_fifth() {
        SplittableRandom random = new SplittableRandom(7);
        long[] base = {1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
        for (int failures = 1; failures <= base.length; failures++) {
            for (int i = 0; i < 200; i++) {
                long ms = backoff.delay(failures, random).toMillis();
                long b = base[failures - 1];
                assertTrue(ms >= b - b / 5 && ms <= b + b / 5, failures + " failures: " + ms + " ms");
            }
        }
    }

    @Test
    void the_spread_comes_from_the_injected_randomness() {
        assertEquals(backoff.delay(3, new SplittableRandom(1)), backoff.delay(3, new SplittableRandom(1)));
    }

    @Test
    void a_huge_failure_count_stays_at_the_maximum() {
        long ms = backoff.delay(Integer.MAX_VALUE, new SplittableRandom(2)).toMillis();
        assertTrue(ms >= 24_000 && ms <= 36_000, ms + " ms");
    }
}
