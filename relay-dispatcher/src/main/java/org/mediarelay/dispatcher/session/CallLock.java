package org.mediarelay.dispatcher.session;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * Runs operations on one call one at a time: in this process ({@link CallSerializer}), or across the dispatchers of
 * a cluster that share sessions.
 */
public interface CallLock {

    <T> Future<T> run(String callId, Supplier<Future<T>> operation);
}
