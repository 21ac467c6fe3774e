package org.mediarelay.node.timer;

import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The node's time: a monotonic clock for deadlines and packet arrival (immune to wall-clock steps), and the wall
 * clock only to report instants. Injected, so tests drive time by hand.
 */
public final class NodeClock {

    private final Clock wall;
    private final LongSupplier nanos;

    public NodeClock(Clock wall, LongSupplier nanos) {
        this.wall = wall;
        this.nanos = nanos;
    }

    public static NodeClock system() {
        return new NodeClock(Clock.systemUTC(), System::nanoTime);
    }

    public long nanos() {
        return nanos.getAsLong();
    }

    public long millis() {
        return nanos.getAsLong() / 1_000_000;
    }

    /** The wall-clock instant of a {@link #millis()} reading. */
    public Instant instantOf(long monotonicMillis) {
        return wall.instant().minusMillis(millis() - monotonicMillis);
    }
}
