package org.mediarelay.sdp.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IcePriorityTest {

    @Test
    void the_formula_gives_the_values_real_agents_use() {
        assertEquals(2130706431L, IcePriority.of(126, 65535, 1), "host, component 1");
        assertEquals(1694498815L, IcePriority.of(100, 65535, 1), "srflx, component 1");
        assertEquals(16777215L, IcePriority.of(0, 65535, 1), "relay, component 1");
        assertEquals(16777214L, IcePriority.of(0, 65535, 2), "relay, component 2");
        assertEquals(2147483647L, IcePriority.MAX);
    }

    @Test
    void relay_priority_is_the_highest_relay_value_under_the_lowest_endpoint_candidate() {
        assertEquals(16777215L, IcePriority.relayBelow(Long.MAX_VALUE, 1));
        assertEquals(16777215L, IcePriority.relayBelow(16777216L, 1));
        assertEquals(16776959L, IcePriority.relayBelow(16777215L, 1));
        assertEquals(658943L, IcePriority.relayBelow(659136L, 1));
        assertEquals(658942L, IcePriority.relayBelow(659134L, 2));
        assertEquals(255L, IcePriority.relayBelow(300L, 1));
        for (long below = 1; below < 5000; below += 7) {
            long p = IcePriority.relayBelow(below, 1);
            assertTrue(p >= 255 && p <= IcePriority.MAX);
            assertTrue(p < below || below <= 255, below + " -> " + p);
        }
    }

    @Test
    void values_outside_the_rfc_ranges_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> IcePriority.of(127, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> IcePriority.of(0, 65536, 1));
        assertThrows(IllegalArgumentException.class, () -> IcePriority.of(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> IcePriority.of(0, 0, 257));
    }
}
