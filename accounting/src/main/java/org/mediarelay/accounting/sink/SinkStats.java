package org.mediarelay.accounting.sink;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/** What one sink has done since start, for metrics and status. Thread-safe. */
public final class SinkStats {

    private final String sink;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder skippedBytes = new LongAdder();
    private volatile long backlogBytes;
    private volatile boolean up;
    private volatile String lastError = "";
    /** When the oldest CDR this sink has read and not yet delivered ended; null when it has delivered all it read. */
    private volatile Instant oldestUndelivered;

    SinkStats(String sink) {
        this.sink = sink;
    }

    public String sink() {
        return sink;
    }

    void delivered(int n) {
        delivered.add(n);
    }

    void failed(Throwable cause) {
        failures.increment();
        up = false;
        lastError = String.valueOf(cause.getMessage());
    }

    void skippedMalformed() {
        malformed.increment();
    }

    void skipped(long bytes) {
        skippedBytes.add(bytes);
    }

    /** Journal bytes skipped because the sink fell further behind than its bound (cdr.backlog.max). */
    public long skippedBytes() {
        return skippedBytes.sum();
    }

    void backlogBytes(long bytes) {
        backlogBytes = bytes;
    }

    /** The sink read CDRs to deliver; the first of them ended at this time (empty: not known). */
    void reading(Optional<Instant> oldestEnded) {
        oldestUndelivered = oldestEnded.orElse(null);
    }

    /** The sink delivered what it read, or found nothing to read. */
    void caughtUp() {
        oldestUndelivered = null;
    }

    /**
     * How far behind the calls this sink is: the time since the oldest CDR it has read and not delivered ended, zero
     * when it has delivered everything it read (a backlog it has not read yet shows in {@link #backlogBytes}).
     */
    public Duration lag(Instant now) {
        Instant oldest = oldestUndelivered;
        return oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
    }

    void up(boolean up) {
        this.up = up;
    }

    /** CDRs delivered since start (a CDR delivered again after a failure counts again). */
    public long delivered() {
        return delivered.sum();
    }

    /** Failed starts and deliveries since start. */
    public long failures() {
        return failures.sum();
    }

    /** Journal lines skipped because they were not CDRs. */
    public long malformed() {
        return malformed.sum();
    }

    /** Bytes of the journal this sink has still to deliver, as of its latest look. */
    public long backlogBytes() {
        return backlogBytes;
    }

    /** Whether the latest start or delivery succeeded. */
    public boolean up() {
        return up;
    }

    public String lastError() {
        return lastError;
    }
}
