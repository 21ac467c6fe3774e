package org.mediarelay.control.ng;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Supplier;

/**
 * Replies by request key (transport, source, cookie), kept for a while: a proxy that retransmits (Kamailio: after
 * {@code rtpengine_tout_ms}, same cookie) gets the first reply again, byte for byte, and a duplicate that arrives
 * while the first is still running waits for the first's reply instead of running the command twice. Bounded in
 * entries, so that a flood of distinct cookies costs memory only up to the bound. Thread-safe.
 *
 * <p>At 1000 new calls per second the cache holds some 100,000 replies, about half of the relay's live heap, which
 * the collector walks in every cycle. So a reply, once there, is kept as its bytes alone (no future, no timestamp
 * object), and the times of the entries live in one array in the map's own (insertion) order.
 */
final class NgReplyCache {

    private final Clock clock;
    private final long ttlMillis;
    private final int maxEntries;
    /** By key: a {@link Running} while the first request runs (or if it failed), then the reply's bytes. */
    private final LinkedHashMap<String, Object> entries = new LinkedHashMap<>();
    /** When each entry was made, in the order of {@link #entries}: a ring from {@link #oldest}. */
    private final long[] madeAt;
    private int oldest;

    NgReplyCache(Clock clock, Duration ttl, int maxEntries) {
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
        this.maxEntries = maxEntries;
        this.madeAt = new long[maxEntries];
    }

    /**
     * The reply of an earlier request with this key, running or done; else {@code work}'s, remembered. {@code work}
     * runs outside the lock: requests of other keys do not wait for it.
     */
    Future<byte[]> reply(String key, Supplier<Future<byte[]>> work) {
        Running mine;
        synchronized (this) {
            long now = clock.millis();
            evict(now, 0);
            Object known = entries.get(key);
            if (known instanceof byte[] reply) {
                return Future.succeededFuture(reply);
            }
            if (known instanceof Running running) {
                return running.reply.future();
            }
            mine = new Running(Promise.promise());
            evict(now, 1);
            madeAt[(oldest + entries.size()) % maxEntries] = now;
            entries.put(key, mine);
        }
        Future<byte[]> result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(done -> {
            if (done.succeeded()) {
                synchronized (this) {
                    // In place (insertion order stays); not if the bound evicted it meanwhile.
                    entries.replace(key, mine, done.result());
                }
            }
            mine.reply.handle(done);
        });
        return mine.reply.future();
    }

    /**
     * Drops the expired replies now. Expiry otherwise happens as requests arrive: a relay that goes quiet after a
     * burst would keep the burst's replies (some 500 bytes each) for ever. The ng UDP listener has it called every
     * 10 s ({@link NgService#forgetExpiredReplies}).
     */
    synchronized void forgetExpired() {
        evict(clock.millis(), 0);
    }

    synchronized int size() {
        return entries.size();
    }

    /** Drops the expired entries, and the oldest ones until {@code room} more fit. */
    private void evict(long now, int room) {
        Iterator<Object> it = entries.values().iterator();
        while (it.hasNext()) {
            if (entries.size() + room <= maxEntries && madeAt[oldest] + ttlMillis > now) {
                return;
            }
            it.next();
            it.remove();
            oldest = (oldest + 1) % maxEntries;
        }
    }

    /** A request still running, or one that failed (its retransmissions get the same failure). */
    private record Running(Promise<byte[]> reply) {
    }
}
