package org.mediarelay.control.launch;

import com.hazelcast.config.Config;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;
import org.mediarelay.accounting.Accounting;
import org.mediarelay.accounting.cdr.TerminationReason;
import org.mediarelay.control.config.MediarelayConfig;
import org.mediarelay.control.http.HttpVerticle;
import org.mediarelay.control.access.SourceAllowList;
import org.mediarelay.control.mediaproxy.MediaProxyVerticle;
import org.mediarelay.control.metrics.ControlMetrics;
import org.mediarelay.control.metrics.MetricsPage;
import org.mediarelay.control.mediaproxy.MpHandler;
import org.mediarelay.control.ng.NgHandler;
import org.mediarelay.control.ng.NgHttpRoutes;
import org.mediarelay.control.ng.NgService;
import org.mediarelay.control.ng.NgTcpVerticle;
import org.mediarelay.control.ng.NgUdpVerticle;
import org.mediarelay.control.rest.RestApi;
import org.mediarelay.dispatcher.Dispatcher;
import org.mediarelay.dispatcher.NodeEventsVerticle;
import org.mediarelay.dispatcher.RelayNodes;
import org.mediarelay.dispatcher.session.InMemorySessionStore;
import org.mediarelay.node.NodeVerticle;
import org.mediarelay.node.api.NodeClient;
import org.mediarelay.node.timer.NodeClock;

/**
 * One running mediarelay in role {@code all}: a clustered Vert.x (one embedded Hazelcast member), a relay node,
 * accounting, the dispatcher and the control front ends, started in that order and stopped in reverse. The topology
 * of the process is this file.
 */
public final class Mediarelay {

    private static final System.Logger LOG = System.getLogger(Mediarelay.class.getName());

    private final MediarelayConfig config;
    private final Vertx vertx;
    /** The relay node: stopped after the sessions it carries are closed. */
    private final List<String> core = new ArrayList<>();
    /** ng and HTTP: stopped first, so that no request arrives while sessions are closed. */
    private final List<String> fronts = new ArrayList<>();
    private Accounting accounting;
    private Dispatcher dispatcher;
    private final SourceAllowList ngAccess;
    private final ControlMetrics controlMetrics = new ControlMetrics();
    private NodeVerticle nodeVerticle;
    private NgService ngService;
    private NgUdpVerticle ng;
    private MediaProxyVerticle mediaproxy;
    private HttpVerticle http;
    private volatile boolean ready;

    private Mediarelay(MediarelayConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        this.ngAccess = new SourceAllowList(config.ngAllow());
    }

    /**
     * Starts everything; on failure, whatever was started is stopped again and the stage fails with one line.
     *
     * <p>Plain {@link CompletionStage}s at this boundary on purpose: a Vert.x future chained to a callback of this Vert.x
     * would complete on one of its event loops, which {@code close()} terminates, and never reach the caller.
     */
    public static CompletionStage<Mediarelay> start(MediarelayConfig config, Clock clock, RandomGenerator random) {
        CompletableFuture<Mediarelay> started = new CompletableFuture<>();
        Config hazelcast;
        try {
            Files.createDirectories(config.dataDir());
            hazelcast = ClusterBootstrap.hazelcastConfig(config.clusterConfig(), config.clusterName());
        } catch (IOException | RuntimeException e) {
            started.completeExceptionally(e);
            return started;
        }
        ClusterBootstrap.clusteredVertx(hazelcast).onComplete(clustered -> {
            if (clustered.failed()) {
                started.completeExceptionally(clustered.cause());
                return;
            }
            Mediarelay m = new Mediarelay(config, clustered.result());
            m.deploy(clock, random).onComplete(deployed -> {
                if (deployed.succeeded()) {
                    started.complete(m);
                } else {
                    // Vert.x's close future has no context: its listener runs on the closing thread.
                    m.vertx.close().onComplete(closed -> started.completeExceptionally(deployed.cause()));
                }
            });
        });
        return started;
    }

    private Future<Void> deploy(Clock clock, RandomGenerator random) {
        nodeVerticle = new NodeVerticle(config.relayNode(), random, new NodeClock(clock, System::nanoTime));
        return deploy(nodeVerticle, core).compose(v -> {
            try {
                accounting = Accounting.open(vertx, config.dataDir().resolve("cdr"));
            } catch (IOException e) {
                return Future.failedFuture("data.dir " + config.dataDir() + ": " + e.getMessage());
            }
            NodeClient node = new NodeClient(vertx.eventBus(), config.nodeId(), config.relayNode().requestTimeout());
            dispatcher = new Dispatcher(RelayNodes.single(node), new InMemorySessionStore(), accounting, clock, random);
            ngService = new NgService(new NgHandler(dispatcher, clock), clock, controlMetrics);
            ng = new NgUdpVerticle(config.ngListen(), ngService, ngAccess);
            mediaproxy = new MediaProxyVerticle(config.mediaproxySocket(), config.mediaproxyListen(),
                    new MpHandler(dispatcher, clock, config.mediaAdvertised(), controlMetrics), ngAccess);
            return deploy(new NodeEventsVerticle(dispatcher), fronts).compose(x -> deploy(ng, fronts))
                    .compose(x -> deploy(new NgTcpVerticle(config.ngListen().withPort(ng.localAddress().port()),
                            ngService, ngAccess), fronts))
                    .compose(x -> deploy(mediaproxy, fronts));
        }).compose(v -> {
            MetricsPage metrics = new MetricsPage(() -> nodeVerticle.node().totals(), dispatcher, accounting,
                    controlMetrics, ngAccess);
            RestApi rest = new RestApi(dispatcher, () -> nodeVerticle.node().totals(), config.mediaAdvertised(),
                    config.httpTokens(), controlMetrics);
            http = new HttpVerticle(config.httpListen(), () -> ready, dispatcher::sessionCount, router -> {
                NgHttpRoutes.install(router, ngService, ngAccess);
                metrics.install(router);
                rest.install(router);
            });
            return deploy(http, fronts);
        }).map(v -> {
            ready = true;
            return null;
        });
    }

    private Future<Void> deploy(Deployable verticle, List<String> group) {
        return vertx.deployVerticle(verticle).map(id -> {
            group.add(id);
            return null;
        });
    }

    /**
     * Stops taking requests, ends every open session (each gets its CDR, reason {@code shutdown}), then stops the
     * node, accounting and the cluster membership. Completes when the process can exit.
     */
    public CompletionStage<Void> stop() {
        ready = false;
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        undeploy(fronts)
                .compose(v -> dispatcher.closeAll(TerminationReason.SHUTDOWN))
                .compose(v -> undeploy(core))
                .compose(v -> accounting.close())
                .onComplete(ar -> {
                    if (ar.failed()) {
                        LOG.log(Level.ERROR, "clean shutdown failed", ar.cause());
                    }
                    vertx.close().onComplete(closed -> stopped.complete(null));
                });
        return stopped;
    }

    private Future<Void> undeploy(List<String> ids) {
        Future<Void> f = Future.succeededFuture();
        for (String id : ids) {
            f = f.compose(v -> vertx.undeploy(id));
        }
        return f;
    }

    /** The ng socket's real address ({@code ng.listen} may ask for port 0). */
    public SocketAddress ngAddress() {
        return ng.localAddress();
    }

    /** The MediaProxy TCP port, or -1 when {@code mediaproxy.listen} is off. */
    public int mediaproxyPort() {
        return mediaproxy.tcpPort();
    }

    public int httpPort() {
        return http.actualPort();
    }

    public MediarelayConfig config() {
        return config;
    }

    public int sessions() {
        return dispatcher.sessionCount();
    }
}
