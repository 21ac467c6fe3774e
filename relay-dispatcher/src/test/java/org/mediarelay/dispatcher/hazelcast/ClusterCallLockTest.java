package org.mediarelay.dispatcher.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two dispatchers' locks on two real Hazelcast members of one cluster. */
@ExtendWith(VertxExtension.class)
class ClusterCallLockTest {

    private HazelcastInstance a;
    private HazelcastInstance b;

    private static Config member(String cluster) {
        Config c = new Config().setClusterName(cluster);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.logging.type", "jdk");
        c.getNetworkConfig().setPort(5701).setPortAutoIncrement(true).setPortCount(100);
        c.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        c.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        c.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        c.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1"));
        return c;
    }

    @BeforeEach
    void cluster() {
        String name = "lock-" + UUID.randomUUID();
        a = Hazelcast.newHazelcastInstance(member(name));
        b = Hazelcast.newHazelcastInstance(member(name));
    }

    @AfterEach
    void stop() {
        b.shutdown();
        a.shutdown();
    }

    /** An operation that holds the call for 200 ms and records how many ran at once. */
    private static Future<Void> hold(Vertx vertx, AtomicInteger active, AtomicInteger most) {
        most.accumulateAndGet(active.incrementAndGet(), Math::max);
        Promise<Void> done = Promise.promise();
        vertx.setTimer(200, t -> {
            active.decrementAndGet();
            done.complete();
        });
        return done.future();
    }

    @Test
    void two_dispatchers_never_work_on_one_call_at_once_but_do_on_different_calls(Vertx vertx) throws Exception {
        ClusterCallLock first = new ClusterCallLock(vertx, a);
        ClusterCallLock second = new ClusterCallLock(vertx, b);
        AtomicInteger active = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Future.all(first.run("call-1", () -> hold(vertx, active, most)),
                        second.run("call-1", () -> hold(vertx, active, most)),
                        first.run("call-1", () -> hold(vertx, active, most)))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(1, most.get(), "one operation on call-1 at a time, across both members");

        most.set(0);
        Future.all(first.run("call-2", () -> hold(vertx, active, most)),
                        second.run("call-3", () -> hold(vertx, active, most)))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(2, most.get(), "different calls do not wait for each other");
    }
}
