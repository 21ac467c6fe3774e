package org.mediarelay.accounting.sink;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Waits between attempts at a failing destination: doubling from {@code first} up to {@code max}, each wait spread by
 * up to a fifth either way so that the members of a cluster do not retry in step.
 */
public record Backoff(Duration first, Duration max) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max");
        }
    }

    /** The wait after the {@code failures}-th failure in a row (from 1). */
    public Duration delay(int failures, RandomGenerator random) {
        long base = first.toMillis();
        for (int i = 1; i < failures && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        long spread = base / 5;
        return Duration.ofMillis(spread == 0 ? base : base - spread + random.nextLong(2 * spread + 1));
    }
}
