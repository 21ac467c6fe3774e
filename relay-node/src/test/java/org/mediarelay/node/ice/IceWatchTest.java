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
    void an_aggressive_nomination_through_the_relay_that_nothing_follows_means_ice_kept_another_pair() {
        watch.parties(true, true);
        watch.stun(true, 0);
        watch.stun(true, 100);
        assertEquals(State.UNDECIDED, watch.state(100 + 39_999), "an agent may keep a pair alive only every 15 s");
        assertEquals(State.DIRECT, watch.state(100 + 40_000));
    }

    @Test
    void a_nominated_pair_kept_alive_by_keepalives_or_media_stays_however_long_the_call() {
        watch.parties(true, true);
        watch.stun(false, 0);
        watch.stun(true, 100);
        long t = 100;
        for (int i = 0; i < 100; i++) {
            t += 15_000;
            if (i % 2 == 0) {
                watch.stun(false, t); // a keepalive (RFC 5245 binding indication) or a consent check
            } else {
                watch.media(t); // RTCP of a held call
            }
            assertEquals(State.UNDECIDED, watch.state(t + 14_999), "at " + t);
        }
    }

    @Test
    void regular_nomination_then_media_keeps_the_relay_while_the_media_flows() {
        watch.parties(true, true);
        watch.stun(false, 0);
        watch.stun(true, 50);
        for (long t = 60; t < 120_000; t += 20) {
            watch.media(t);
        }
        assertEquals(State.UNDECIDED, watch.state(120_000));
        assertEquals(State.DIRECT, watch.state(120_000 + 40_000), "until nothing has crossed for a while");
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
