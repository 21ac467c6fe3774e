package org.mediarelay.dispatcher.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.mediarelay.dispatcher.session.CallLock;
import org.mediarelay.dispatcher.session.CallSerializer;

/**
 * One operation at a time per call across every dispatcher of the cluster: first in this process's queue for the
 * call, then under the call's lock in the Hazelcast map {@value #LOCKS}. The lock has a lease of
 * {@link #LEASE_SECONDS} s, longer than any operation takes, so that a dispatcher dying while it holds one blocks the
 * call only that long. Hazelcast ties a lock to the thread that took it; operations here complete on other threads,
 * so the holder releases it by force, which only the holder ever does.
 */
public final class ClusterCallLock implements CallLock {

    static final String LOCKS = "mediarelay.call-locks";
    static final long LEASE_SECONDS = 15;

    private final Vertx vertx;
    private final IMap<String, Boolean> locks;
    private final CallSerializer local = new CallSerializer();

    public ClusterCallLock(Vertx vertx, HazelcastInstance hazelcast) {
        this.vertx = vertx;
        this.locks = hazelcast.getMap(LOCKS);
    }

    @Override
    public <T> Future<T> run(String callId, Supplier<Future<T>> operation) {
        return local.run(callId, () -> vertx.<Void>executeBlocking(() -> {
            locks.lock(callId, LEASE_SECONDS, TimeUnit.SECONDS);
            return null;
        }, false).compose(locked -> {
            Future<T> result;
            try {
                result = operation.get();
            } catch (RuntimeException e) {
                result = Future.failedFuture(e);
            }
            return result.eventually(() -> vertx.executeBlocking(() -> {
                locks.forceUnlock(callId);
                return null;
            }, false));
        }));
    }
}
