package org.mediarelay.dispatcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void buckets_are_cumulative_bounds_inclusive_and_values_above_the_last_only_count() {
        Distribution d = new Distribution(1.0, 2.0, 4.0);
        for (double v : new double[] {0.5, 1.0, 1.5, 4.0, 9.0}) {
            d.observe(v);
        }
        Distribution.Snapshot s = d.snapshot();
        assertArrayEquals(new long[] {2, 3, 4}, s.cumulative());
        assertEquals(5, s.count());
        assertEquals(16.0, s.sum());
    }

    @Test
    void bounds_that_do_not_ascend_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new Distribution(1.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Distribution(2.0, 1.0));
    }
}
