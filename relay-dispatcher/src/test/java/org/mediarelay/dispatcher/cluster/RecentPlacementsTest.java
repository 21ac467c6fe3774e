package org.mediarelay.dispatcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RecentPlacementsTest {

    @Test
    void placements_since_a_report_are_counted_and_older_ones_are_not() {
        RecentPlacements r = new RecentPlacements();
        r.add(10_000);
        r.add(10_050);
        r.add(10_950);
        r.add(11_420);
        assertEquals(4, r.since(10_000, 11_500));
        assertEquals(2, r.since(10_900, 11_500), "the 10.9 s bucket and the 11.4 s one");
        assertEquals(1, r.since(11_400, 11_500));
        assertEquals(0, r.since(11_500, 11_500));
    }

    @Test
    void buckets_older_than_the_ring_are_forgotten() {
        RecentPlacements r = new RecentPlacements();
        r.add(1_000);
        r.add(1_000 + RecentPlacements.BUCKETS * RecentPlacements.BUCKET_MILLIS);
        assertEquals(1, r.since(0, 1_000 + RecentPlacements.BUCKETS * RecentPlacements.BUCKET_MILLIS),
                "the first bucket was reused by the later one");
    }
}
