package org.mediarelay.node.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mediarelay.node.ice.IceWatch.State;

class IceWatchTest {

    private final IceWatch watch = new IceWatch(IcePolicy.DEFAULT);

    @Test
    void without_ice_on_both_sides_the_relay_is_the_path() {
        watch.parties(true, false);
        watch.stun(false, 0);
        assertEquals(State.NOT_ICE, watch.state(60_000));
    }

    @Test
    void a_nomination_through_the_relay_settles_it_for_good() {
        watch.parties(true, true);
        watch.stun(false, 0);
        watch.stun(true, 100);
        assertEquals(State.THROUGH_RELAY, watch.state(3_600_000));
    }

    @Test
    void checks_that_crossed_the_relay_and_stopped_without_nomination_or_media_mean_a_direct_path() {
        watch.parties(true, true);
        watch.stun(false, 0);
        watch.stun(false, 500);
        assertEquals(State.UNDECIDED, watch.state(12_499), "checks may still be running elsewhere");
        assertEquals(State.DIRECT, watch.state(12_500));
    }

    @Test
    void no_evidence_is_no_decision_however_long_it_lasts() {
        watch.parties(true, true);
        assertEquals(State.UNDECIDED, watch.state(3_600_000));
    }

    @Test
    void media_through_the_relay_even_one_way_keeps_the_stream() {
        watch.parties(true, true);
        watch.stun(false, 0);
        for (long t = 0; t < 60_000; t += 1_000) {
            watch.media(t);
            assertEquals(State.UNDECIDED, watch.state(t + 20));
        }
        watch.selected(false);
        assertEquals(State.UNDECIDED, watch.state(60_000), "a re-offer naming a direct pair waits for media to stop");
        assertEquals(State.DIRECT, watch.state(64_000));
    }

    @Test
    void a_re_offer_naming_the_selected_pair_decides_at_once() {
        watch.parties(true, true);
        watch.selected(false);
        assertEquals(State.DIRECT, watch.state(10));
        IceWatch relayed = new IceWatch(IcePolicy.DEFAULT);
        relayed.parties(true, true);
        relayed.selected(true);
        assertEquals(State.THROUGH_RELAY, relayed.state(10));
    }
}
