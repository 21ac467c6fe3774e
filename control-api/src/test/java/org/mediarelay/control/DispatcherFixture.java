package org.mediarelay.control;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.mediarelay.accounting.Accounting;
import org.mediarelay.dispatcher.Dispatcher;
import org.mediarelay.dispatcher.cluster.ClusterNodes;
import org.mediarelay.dispatcher.session.InMemorySessionStore;
import org.mediarelay.node.NodeVerticle;
import org.mediarelay.node.RelayNodeConfig;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.testing.TestPorts;

/**
 * A real relay node on loopback, a CDR journal and the dispatcher in front of them, placing calls as in a cluster:
 * what front ends are tested on.
 */
public final class DispatcherFixture {

    public final Dispatcher dispatcher;
    public final NodeVerticle node;
    /** The node's media ports. */
    public final org.mediarelay.node.port.PortRange ports;
    private final Accounting accounting;

    private DispatcherFixture(Dispatcher dispatcher, NodeVerticle node, Accounting accounting,
                              org.mediarelay.node.port.PortRange ports) {
        this.ports = ports;
        this.dispatcher = dispatcher;
        this.node = node;
        this.accounting = accounting;
    }

    /** @param pairs media port pairs of the node */
    public static DispatcherFixture start(Vertx vertx, Path data, int pairs) throws Exception {
        return start(vertx, data, pairs, InetAddress.getLoopbackAddress(), "127.0.0.1");
    }

    /**
     * @param pairs      media port pairs of the node
     * @param address    the address the node binds its media sockets to
     * @param advertised the address it writes into SDP
     */
    public static DispatcherFixture start(Vertx vertx, Path data, int pairs, InetAddress address, String advertised)
            throws Exception {
        return start(vertx, data, pairs, address, advertised,
                "n-" + Long.toHexString(new SplittableRandom().nextLong()));
    }

    /** As above, the node named {@code nodeId} (a name replies quote, so a test can expect it). */
    public static DispatcherFixture start(Vertx vertx, Path data, int pairs, InetAddress address, String advertised,
                                          String nodeId) throws Exception {
        return start(vertx, data, new RelayNodeConfig(nodeId, address, advertised, TestPorts.block(pairs), 1,
                Duration.ofSeconds(5)));
    }

    /** A node with several media interfaces, named {@code n-interfaces}. */
    public static DispatcherFixture start(Vertx vertx, Path data, List<MediaInterface> interfaces) throws Exception {
        return start(vertx, data, new RelayNodeConfig("n-interfaces", InetAddress.getLoopbackAddress(), "127.0.0.1",
                TestPorts.block(1), 1, Duration.ofSeconds(5)).withInterfaces(interfaces));
    }

    private static DispatcherFixture start(Vertx vertx, Path data, RelayNodeConfig node) throws Exception {
        String nodeId = node.nodeId();
        NodeVerticle verticle = new NodeVerticle(node, new SplittableRandom());
        await(vertx.deployVerticle(verticle));
        Accounting accounting = Accounting.open(vertx, data.resolve("cdr"));
        // Placement through the cluster code, over a directory that lists this one node.
        ClusterNodes nodes = new ClusterNodes(new LocalDirectory(nodeId, verticle.node(), Clock.systemUTC()),
                vertx.eventBus(), Duration.ofSeconds(5), Clock.systemUTC());
        Dispatcher dispatcher = new Dispatcher(nodes, new InMemorySessionStore(), accounting, Clock.systemUTC(),
                new SplittableRandom());
        return new DispatcherFixture(dispatcher, verticle, accounting, node.primary().ports());
    }

    public void stop() throws Exception {
        await(accounting.close());
    }

    public static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
