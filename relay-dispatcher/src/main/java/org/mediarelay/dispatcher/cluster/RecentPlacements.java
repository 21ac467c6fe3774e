package org.mediarelay.dispatcher.cluster;

/**
 * How many calls this dispatcher placed on one node lately, in buckets of {@value #BUCKET_MILLIS} ms over the last
 * {@value #BUCKETS} buckets: counting the placements since a node's last report costs a few dozen additions, however
 * many calls per second arrive. Thread-safe.
 */
final class RecentPlacements {

    static final long BUCKET_MILLIS = 100;
    static final int BUCKETS = 32;

    private final long[] bucketOf = new long[BUCKETS];
    private final int[] counts = new int[BUCKETS];

    synchronized void add(long nowMillis) {
        long bucket = nowMillis / BUCKET_MILLIS;
        int i = (int) Math.floorMod(bucket, (long) BUCKETS);
        if (bucketOf[i] != bucket) {
            bucketOf[i] = bucket;
            counts[i] = 0;
        }
        counts[i]++;
    }

    /**
     * Placements in buckets that start at or after {@code sinceMillis}, plus those of the bucket it falls in (a
     * placement counted twice for up to one bucket errs towards spreading, never towards piling up).
     */
    synchronized int since(long sinceMillis, long nowMillis) {
        long first = sinceMillis / BUCKET_MILLIS;
        long last = nowMillis / BUCKET_MILLIS;
        int n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (bucketOf[i] >= first && bucketOf[i] <= last && bucketOf[i] > last - BUCKETS) {
                n += counts[i];
            }
        }
        return n;
    }
}
