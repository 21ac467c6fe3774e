package org.mediarelay.control.ng;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Replies by request key (transport, source, cookie), kept for a while: a proxy that retransmits (Kamailio: after
 * {@code rtpengine_tout_ms}, same cookie) gets the first reply again, byte for byte, and a duplicate that arrives
 * while the first is still running waits for the first's reply instead of running the command twice. Bounded in
 * entries, so that a flood of distinct cookies costs memory only up to the bound. Thread-safe.
 */
final class NgReplyCache {

    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    NgReplyCache(Clock clock, Duration ttl, int maxEntries) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
    }

    /**
     * The reply of an earlier request with this key, running or done; else {@code work}'s, remembered. {@code work}
     * runs outside the lock: requests of other keys do not wait for it.
     */
    Future<byte[]> reply(String key, Supplier<Future<byte[]>> work) {
        Promise<byte[]> mine = Promise.promise();
        synchronized (this) {
            Instant now = clock.instant();
            evict(now);
            Entry e = entries.get(key);
            if (e != null) {
                return e.reply;
            }
            entries.put(key, new Entry(now, mine.future()));
        }
        try {
            work.get().onComplete(mine);
        } catch (RuntimeException e) {
            mine.fail(e);
        }
        return mine.future();
    }

    synchronized int size() {
        return entries.size();
    }

    private void evict(Instant now) {
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Entry oldest = it.next().getValue();
            if (entries.size() < maxEntries && oldest.at.plus(ttl).isAfter(now)) {
                return;
            }
            it.remove();
        }
    }

    private record Entry(Instant at, Future<byte[]> reply) {
    }
}
