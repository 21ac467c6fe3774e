package org.mediarelay.accounting.sink;

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
