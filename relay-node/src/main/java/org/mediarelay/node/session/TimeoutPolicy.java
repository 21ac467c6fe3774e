package org.mediarelay.node.session;

import java.time.Duration;
import java.util.Objects;

/**
 * When a node gives up on a session's media.
 *
 * @param noMedia            after the answer, no packet on any of its relayed streams for this long
 * @param onHold             the same for a session whose silent streams are all on hold
 * @param offerWithoutAnswer an offer that no answer followed within this time
 * @param maxDuration        any session older than this; {@link Duration#ZERO} for no limit
 */
public record TimeoutPolicy(Duration noMedia, Duration onHold, Duration offerWithoutAnswer, Duration maxDuration) {

    public static final TimeoutPolicy DEFAULT = new TimeoutPolicy(Duration.ofSeconds(60), Duration.ofHours(2),
            Duration.ofMinutes(5), Duration.ZERO);

    public TimeoutPolicy {
        Objects.requireNonNull(noMedia);
        Objects.requireNonNull(onHold);
        Objects.requireNonNull(offerWithoutAnswer);
        Objects.requireNonNull(maxDuration);
        if (noMedia.isZero() || noMedia.isNegative() || onHold.isZero() || onHold.isNegative()
                || offerWithoutAnswer.isZero() || offerWithoutAnswer.isNegative() || maxDuration.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive (max duration: zero for none)");
        }
    }
}
