package org.mediarelay.dispatcher.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallSerializerTest {

    private final CallSerializer serializer = new CallSerializer();

    @Test
    void operations_on_one_call_run_one_after_the_other_in_submission_order() {
        List<String> log = new ArrayList<>();
        Promise<String> first = Promise.promise();
        Future<String> a = serializer.run("call", () -> {
            log.add("a starts");
            return first.future();
        });
        Future<String> b = serializer.run("call", () -> {
            log.add("b starts");
            return Future.succeededFuture("b");
        });
        assertEquals(List.of("a starts"), log, "b waits while a is running");
        assertFalse(b.isComplete());
        first.complete("a");
        assertEquals(List.of("a starts", "b starts"), log);
        assertEquals("a", a.result());
        assertEquals("b", b.result());
        assertEquals(0, serializer.busy(), "no entry stays once a call is idle");
    }

    @Test
    void operations_on_different_calls_do_not_wait_for_each_other() {
        Promise<String> slow = Promise.promise();
        serializer.run("call-1", slow::future);
        Future<String> other = serializer.run("call-2", () -> Future.succeededFuture("done"));
        assertTrue(other.succeeded());
        assertEquals(1, serializer.busy());
        slow.complete("x");
        assertEquals(0, serializer.busy());
    }

    @Test
    void a_failed_or_throwing_operation_does_not_block_the_next_one() {
        Future<String> failed = serializer.run("c", () -> Future.failedFuture(new IllegalStateException("boom")));
        Future<String> thrown = serializer.run("c", () -> {
            throw new IllegalArgumentException("bad");
        });
        Future<String> next = serializer.run("c", () -> Future.succeededFuture("ok"));
        assertEquals("boom", failed.cause().getMessage());
        assertEquals("bad", thrown.cause().getMessage());
        assertEquals("ok", next.result());
    }
}
