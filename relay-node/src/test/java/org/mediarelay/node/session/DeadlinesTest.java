package org.mediarelay.node.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.ExpiryReason;
import org.mediarelay.node.session.Deadlines.SessionFacts;
import org.mediarelay.node.session.Deadlines.StreamFacts;
import org.mediarelay.node.session.Deadlines.Verdict;

class DeadlinesTest {

    private static final TimeoutPolicy POLICY = new TimeoutPolicy(Duration.ofSeconds(60), Duration.ofHours(2),
            Duration.ofMinutes(5), Duration.ofHours(4));
    private static final long MIN = 60_000;

    private static Verdict at(SessionFacts s, long now) {
        return Deadlines.evaluate(s, now, POLICY);
    }

    private static Verdict alive(long nextCheck) {
        return new Verdict(Optional.empty(), nextCheck);
    }

    private static Verdict expired(ExpiryReason reason, long now) {
        return new Verdict(Optional.of(reason), now);
    }

    @Test
    void an_offer_without_answer_expires_after_its_timeout_whatever_the_media() {
        SessionFacts s = new SessionFacts(0, Optional.empty(), List.of(new StreamFacts(4 * MIN, false)));
        assertEquals(alive(5 * MIN), at(s, 4 * MIN));
        assertEquals(expired(ExpiryReason.OFFER_TIMEOUT, 5 * MIN), at(s, 5 * MIN));
    }

    @Test
    void after_the_answer_a_session_expires_when_every_stream_has_been_silent_for_the_no_media_timeout() {
        SessionFacts s = new SessionFacts(0, Optional.of(10_000L),
                List.of(new StreamFacts(30_000, false), new StreamFacts(50_000, false)));
        assertEquals(alive(110_000), at(s, 90_000), "the video went quiet first; the audio still counts");
        assertEquals(expired(ExpiryReason.NO_MEDIA, 110_000), at(s, 110_000));
    }

    @Test
    void silence_is_counted_from_the_answer_when_no_packet_came_after_it() {
        SessionFacts s = new SessionFacts(0, Optional.of(100_000L), List.of(new StreamFacts(0, false)));
        assertEquals(alive(160_000), at(s, 120_000));
    }

    @Test
    void streams_on_hold_get_the_long_timeout_and_their_own_reason() {
        SessionFacts held = new SessionFacts(0, Optional.of(0L), List.of(new StreamFacts(0, true)));
        assertEquals(alive(120 * MIN), at(held, 61 * MIN));
        assertEquals(expired(ExpiryReason.ON_HOLD_TIMEOUT, 120 * MIN), at(held, 120 * MIN));
        SessionFacts mixed = new SessionFacts(0, Optional.of(0L),
                List.of(new StreamFacts(0, true), new StreamFacts(0, false)));
        assertEquals(expired(ExpiryReason.NO_MEDIA, 120 * MIN), at(mixed, 120 * MIN));
    }

    @Test
    void the_maximum_duration_ends_even_a_busy_session_and_zero_means_none() {
        SessionFacts busy = new SessionFacts(0, Optional.of(0L), List.of(new StreamFacts(240 * MIN - 1, false)));
        assertEquals(alive(240 * MIN), at(busy, 239 * MIN));
        assertEquals(expired(ExpiryReason.MAX_DURATION, 240 * MIN), at(busy, 240 * MIN));
        TimeoutPolicy unlimited = new TimeoutPolicy(Duration.ofSeconds(60), Duration.ofHours(2), Duration.ofMinutes(5),
                Duration.ZERO);
        assertEquals(alive(240 * MIN - 1 + MIN), Deadlines.evaluate(busy, 240 * MIN, unlimited));
    }

    @Test
    void a_session_whose_streams_all_went_direct_has_no_media_to_time_out() {
        SessionFacts direct = new SessionFacts(0, Optional.of(0L), List.of());
        assertEquals(alive(240 * MIN), at(direct, 10 * MIN));
    }
}
