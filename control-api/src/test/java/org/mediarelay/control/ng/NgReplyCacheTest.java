package org.mediarelay.control.ng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void expired_replies_are_forgotten_without_a_request_coming() {
        cache.reply("k1", () -> work("1"));
        clock.advance(Duration.ofSeconds(10));
        cache.reply("k2", () -> work("2"));
        clock.advance(Duration.ofSeconds(20));
        cache.forgetExpired();
        assertEquals(1, cache.size(), "k1 is 30 s old, k2 20 s");
        clock.advance(Duration.ofSeconds(10));
        cache.forgetExpired();
        assertEquals(0, cache.size());
    }

    @Test
    void a_reply_that_completes_later_keeps_its_place_in_the_eviction_order() {
        Promise<byte[]> slow = Promise.promise();
        cache.reply("first", slow::future);
        cache.reply("second", () -> work("2"));
        slow.complete("1".getBytes(StandardCharsets.US_ASCII));
        cache.reply("third", () -> work("3"));
        cache.reply("fourth", () -> work("4"));
        assertEquals("2", new String(cache.reply("second", () -> work("2 again")).result(), StandardCharsets.US_ASCII));
        assertEquals("1 again", new String(cache.reply("first", () -> work("1 again")).result(),
                StandardCharsets.US_ASCII), "the oldest entry went first, though its reply came after the second's");
    }

    @Test
    void expiry_follows_each_entrys_own_time_through_many_rounds_of_the_bound() {
        for (int i = 0; i < 10; i++) {
            cache.reply("k" + i, () -> work("x"));
            clock.advance(Duration.ofSeconds(10));
        }
        // k7, k8, k9 are held (the bound is 3), made 30, 20 and 10 s ago: k7 has expired, the others not.
        int before = runs.get();
        cache.reply("k9", () -> work("again"));
        cache.reply("k8", () -> work("again"));
        assertEquals(before, runs.get());
        cache.reply("k7", () -> work("again"));
        assertEquals(before + 1, runs.get());
    }

    @Test
    void a_failed_request_is_not_run_again_by_its_retransmission() {
        Future<byte[]> first = cache.reply("k", () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("broken");
        });
        Future<byte[]> again = cache.reply("k", () -> work("never"));
        assertTrue(first.failed() && again.failed());
        assertEquals("broken", again.cause().getMessage());
        assertEquals(1, runs.get());
    }
}
