package org.mediarelay.node.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.mediarelay.node.timer.NodeClock;

/** A node clock that moves only when the test says so: timeouts of minutes and hours pass in no time. */
public final class ManualClock {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final Instant origin = Instant.parse("2026-11-21T10:00:00Z");

    public NodeClock nodeClock() {
        return new NodeClock(wall(), nanos::get);
    }

    /** The wall clock of this time: it moves with {@link #advance}. */
    public Clock wall() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return origin.plusNanos(nanos.get());
            }
        };
    }

    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }
}
