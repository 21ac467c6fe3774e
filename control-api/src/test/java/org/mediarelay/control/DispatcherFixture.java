package org.mediarelay.control;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.mediarelay.accounting.Accounting;
import org.mediarelay.dispatcher.Dispatcher;
import org.mediarelay.dispatcher.cluster.ClusterNodes;
import org.mediarelay.dispatcher.session.InMemorySessionStore;
import org.mediarelay.node.NodeVerticle;
import org.mediarelay.node.RelayNodeConfig;
import org.mediarelay.node.testing.TestPorts;

/**
 * A real relay node on loopback, a CDR journal and the dispatcher in front of them, placing calls as in a cluster:
 * what front ends are tested on.
 */
public final class DispatcherFixture {

    public final Dispatcher dispatcher;
    public final NodeVerticle node;
    private final Accounting accounting;

    private DispatcherFixture(Dispatcher dispatcher, NodeVerticle node, Accounting accounting) {
        this.dispatcher = dispatcher;
        this.node = node;
        this.accounting = accounting;
    }

    /** @param pairs media port pairs of the node */
    public static DispatcherFixture start(Vertx vertx, Path data, int pairs) throws Exception {
        String nodeId = "n-" + Long.toHexString(new SplittableRandom().nextLong());
        RelayNodeConfig node = new RelayNodeConfig(nodeId, InetAddress.getLoopbackAddress(), "127.0.0.1",
                TestPorts.block(pairs), 1, Duration.ofSeconds(5));
        NodeVerticle verticle = new NodeVerticle(node, new SplittableRandom());
        await(vertx.deployVerticle(verticle));
        Accounting accounting = Accounting.open(vertx, data.resolve("cdr"));
        // Placement through the cluster code, over a directory that lists this one node.
        ClusterNodes nodes = new ClusterNodes(new LocalDirectory(nodeId, verticle.node(), Clock.systemUTC()),
                vertx.eventBus(), Duration.ofSeconds(5), Clock.systemUTC());
        Dispatcher dispatcher = new Dispatcher(nodes, new InMemorySessionStore(), accounting, Clock.systemUTC(),
                new SplittableRandom());
        return new DispatcherFixture(dispatcher, verticle, accounting);
    }

    public void stop() throws Exception {
        await(accounting.close());
    }

    public static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
