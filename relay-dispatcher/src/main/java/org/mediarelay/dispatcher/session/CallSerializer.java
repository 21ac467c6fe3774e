package org.mediarelay.dispatcher.session;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs asynchronous operations one at a time per key (a Call-ID), in the order they were submitted; operations on
 * different keys run concurrently. An offer and its retransmission, or an answer racing a delete, thus never interleave.
 *
 * <p>Holds an entry only while a key has work queued, so memory follows the number of busy calls.
 */
public final class CallSerializer implements CallLock {

    private final Map<String, Future<?>> tails = new ConcurrentHashMap<>();

    @Override
    public <T> Future<T> run(String key, Supplier<Future<T>> operation) {
        Promise<T> done = Promise.promise();
        Future<T> mine = done.future();
        Future<?>[] previous = new Future<?>[1];
        tails.compute(key, (k, tail) -> {
            previous[0] = tail;
            return mine;
        });
        Future<?> before = previous[0] == null ? Future.succeededFuture() : previous[0];
        before.onComplete(ignored -> {
            Future<T> result;
            try {
                result = operation.get();
            } catch (RuntimeException e) {
                result = Future.failedFuture(e);
            }
            result.onComplete(ar -> {
                tails.remove(key, mine);
                if (ar.succeeded()) {
                    done.complete(ar.result());
                } else {
                    done.fail(ar.cause());
                }
            });
        });
        return mine;
    }

    /** Keys with work queued or running. */
    public int busy() {
        return tails.size();
    }
}
