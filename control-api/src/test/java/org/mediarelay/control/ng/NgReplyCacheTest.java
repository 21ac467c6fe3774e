package org.mediarelay.control.ng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.testing.ManualClock;

class NgReplyCacheTest {

    private final ManualClock clock = new ManualClock();
    private final NgReplyCache cache = new NgReplyCache(clock.wall(), Duration.ofSeconds(30), 3);
    private final AtomicInteger runs = new AtomicInteger();

    private Future<byte[]> work(String reply) {
        runs.incrementAndGet();
        return Future.succeededFuture(reply.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void a_retransmission_gets_the_first_reply_without_running_again() {
        Future<byte[]> first = cache.reply("udp a c1", () -> work("one"));
        Future<byte[]> again = cache.reply("udp a c1", () -> work("two"));
        assertArrayEquals(first.result(), again.result());
        assertEquals(1, runs.get());
    }

    @Test
    void a_duplicate_while_the_first_runs_waits_for_the_first() {
        Promise<byte[]> running = Promise.promise();
        Future<byte[]> first = cache.reply("k", running::future);
        Future<byte[]> duplicate = cache.reply("k", () -> work("never"));
        assertSame(first, duplicate);
        assertEquals(0, runs.get());
        running.complete("done".getBytes(StandardCharsets.US_ASCII));
        assertEquals("done", new String(duplicate.result(), StandardCharsets.US_ASCII));
    }

    @Test
    void replies_expire_after_their_time_and_the_bound_evicts_the_oldest() {
        cache.reply("k1", () -> work("1"));
        clock.advance(Duration.ofSeconds(29));
        cache.reply("k1", () -> work("x"));
        assertEquals(1, runs.get());
        clock.advance(Duration.ofSeconds(1));
        cache.reply("k1", () -> work("1 again"));
        assertEquals(2, runs.get());
        cache.reply("k2", () -> work("2"));
        cache.reply("k3", () -> work("3"));
        cache.reply("k4", () -> work("4"));
        assertEquals(3, cache.size());
        cache.reply("k1", () -> work("1 evicted"));
        assertEquals(6, runs.get());
    }
}
