package org.mediarelay.dispatcher;

import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Observations counted into fixed buckets (a Prometheus histogram): thread-safe, with no allocation per observation.
 * Used for call quality here and for control-request latency by the metrics page.
 */
public final class Distribution {

    private final double[] bounds;
    private final LongAdder[] buckets;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    /** @param bounds the buckets' upper bounds (inclusive), ascending; above the last is only in the count */
    public Distribution(double... bounds) {
        for (int i = 1; i < bounds.length; i++) {
            if (!(bounds[i] > bounds[i - 1])) {
                throw new IllegalArgumentException("bucket bounds must ascend: " + Arrays.toString(bounds));
            }
        }
        this.bounds = bounds.clone();
        this.buckets = new LongAdder[bounds.length];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    public void observe(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                buckets[i].increment();
                break;
            }
        }
        count.increment();
        sum.add(value);
    }

    public Snapshot snapshot() {
        long[] cumulative = new long[bounds.length];
        long running = 0;
        for (int i = 0; i < bounds.length; i++) {
            running += buckets[i].sum();
            cumulative[i] = running;
        }
        // Read last, so that the count is never below a bucket read before it.
        return new Snapshot(bounds.clone(), cumulative, Math.max(running, count.sum()), sum.sum());
    }

    /**
     * @param cumulative observations at or below each bound (Prometheus's {@code le} buckets)
     * @param count      all observations (the {@code +Inf} bucket)
     */
    public record Snapshot(double[] bounds, long[] cumulative, long count, double sum) {
    }
}
