package org.mediarelay.control.launch;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.mediarelay.accounting.Accounting;
import org.mediarelay.accounting.AccountingConfig;
import org.mediarelay.accounting.cdr.TerminationReason;
import org.mediarelay.accounting.journal.CdrJournal;
import org.mediarelay.accounting.sink.postgres.PostgresSink;
import org.mediarelay.accounting.sink.radius.RadiusSink;
import org.mediarelay.accounting.sink.webhook.WebhookSink;
import org.mediarelay.control.access.SourceAllowList;
import org.mediarelay.control.config.DialogProxy;
import org.mediarelay.control.config.MediarelayConfig;
import org.mediarelay.control.config.Role;
import org.mediarelay.control.http.HttpVerticle;
import org.mediarelay.control.mediaproxy.MediaProxyVerticle;
import org.mediarelay.control.mediaproxy.MpHandler;
import org.mediarelay.control.metrics.ControlMetrics;
import org.mediarelay.control.metrics.MetricsPage;
import org.mediarelay.control.ng.NgHandler;
import org.mediarelay.control.ng.NgHttpRoutes;
import org.mediarelay.control.ng.NgListeners;
import org.mediarelay.control.ng.NgService;
import org.mediarelay.control.rest.RestApi;
import org.mediarelay.control.web.WebPage;
import org.mediarelay.dispatcher.DialogEnder;
import org.mediarelay.dispatcher.Dispatcher;
import org.mediarelay.dispatcher.NodeEventsVerticle;
import org.mediarelay.dispatcher.cluster.ClusterNodes;
import org.mediarelay.dispatcher.cluster.RelayNodes;
import org.mediarelay.dispatcher.dialog.DialogEnders;
import org.mediarelay.dispatcher.hazelcast.ClusterCallLock;
import org.mediarelay.dispatcher.hazelcast.DispatcherLeadership;
import org.mediarelay.dispatcher.hazelcast.HazelcastDirectory;
import org.mediarelay.dispatcher.hazelcast.RelayWatch;
import org.mediarelay.dispatcher.hazelcast.ReplicatedSessionStore;
import org.mediarelay.dispatcher.session.CallLock;
import org.mediarelay.dispatcher.session.CallSerializer;
import org.mediarelay.dispatcher.session.InMemorySessionStore;
import org.mediarelay.dispatcher.session.SessionStore;
import org.mediarelay.node.LocalNode;
import org.mediarelay.node.NodeVerticle;
import org.mediarelay.node.api.NodeApi;
import org.mediarelay.node.api.NodeTotals;
import org.mediarelay.node.cluster.HazelcastNodeBoard;
import org.mediarelay.node.cluster.NodeAnnouncer;
import org.mediarelay.node.timer.NodeClock;

/**
 * One running mediarelay in role {@code all}: a clustered Vert.x (one embedded Hazelcast member), a relay node,
 * accounting, the dispatcher and the control front ends, started in that order and stopped in reverse. The topology
 * of the process is this file.
 */
public final class Mediarelay {

    private static final System.Logger LOG = System.getLogger(Mediarelay.class.getName());
    /** RADIUS accounting requests are sent again after this, up to three times (then the batch is retried later). */
    private static final Duration RADIUS_TIMEOUT = Duration.ofSeconds(2);
    private static final int RADIUS_ATTEMPTS = 3;
    /** A webhook POST not answered within this is retried with the sinks' backoff. */
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

    private final MediarelayConfig config;
    private final ClusterBootstrap.Clustered cluster;
    private final Vertx vertx;
    private final HazelcastInstance hazelcast;
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
    private NgListeners ng;
    private MediaProxyVerticle mediaproxy;
    private HttpVerticle http;
    private volatile boolean ready;
    /** Completes when this process's relay node was drained and its last call ended. */
    private final CompletableFuture<Void> drained = new CompletableFuture<>();

    private Mediarelay(MediarelayConfig config, ClusterBootstrap.Clustered cluster) {
        this.config = config;
        this.cluster = cluster;
        this.vertx = cluster.vertx();
        this.hazelcast = cluster.hazelcast();
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
            hazelcast = ClusterBootstrap.hazelcastConfig(config.clusterConfig(), config.clusterName(), config.role());
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
                    m.cluster.close().onComplete(closed -> started.completeExceptionally(deployed.cause()));
                }
            });
        });
        return started;
    }

    private Future<Void> deploy(Clock clock, RandomGenerator random) {
        Future<Void> started = Future.succeededFuture();
        if (config.role().runsRelay()) {
            nodeVerticle = new NodeVerticle(config.relayNode(), random, new NodeClock(clock, System::nanoTime));
            started = started.compose(v -> deploy(nodeVerticle, core))
                    .compose(v -> deploy(new NodeAnnouncer(new HazelcastNodeBoard(hazelcast), nodeVerticle.node(),
                            config.nodeId(), config.mediaAdvertised(), config.nodeWeight(),
                            hazelcast.getCluster().getLocalMember().getUuid().toString(), clock,
                            () -> drained.complete(null)), core));
        }
        if (config.role().runsDispatcher()) {
            started = started.compose(v -> deployDispatcher(new HazelcastDirectory(hazelcast), clock, random));
        }
        return started.compose(v -> {
            Optional<Supplier<CompletionStage<NodeTotals>>> node = Optional.ofNullable(nodeVerticle)
                    .map(n -> () -> n.node().totals());
            MetricsPage metrics = new MetricsPage(node, Optional.ofNullable(dispatcher), Optional.ofNullable(accounting),
                    controlMetrics, ngAccess, clock, cluster.gate()::refused);
            // Not ready while the CDR files refuse writes: calls would end without a durable record.
            http = new HttpVerticle(config.httpListen(), () -> ready && (accounting == null || accounting.writable()),
                    this::sessions, router -> {
                metrics.install(router);
                if (dispatcher != null) {
                    NgHttpRoutes.install(router, ngService, ngAccess);
                    new RestApi(dispatcher, config.httpTokens(), controlMetrics).install(router);
                    WebPage.install(router);
                }
            });
            return deploy(http, fronts);
        }).map(v -> {
            ready = true;
            return null;
        });
    }

    /** Accounting, the dispatcher (placing calls on the cluster's relay nodes) and its front ends. */
    private Future<Void> deployDispatcher(HazelcastDirectory directory, Clock clock, RandomGenerator random) {
        AccountingConfig defaults = AccountingConfig.defaults(config.dataDir());
        try {
            accounting = Accounting.open(vertx, new AccountingConfig(defaults.cdrDir(), defaults.cursorDir(),
                    config.cdr().fileMaxBytes() == 0 ? CdrJournal.NO_SIZE_LIMIT : config.cdr().fileMaxBytes(),
                    config.cdr().backlogAlarmBytes(), config.cdr().backlogMaxBytes(), defaults.backoff()), random);
        } catch (IOException e) {
            return Future.failedFuture("data.dir " + config.dataDir() + ": " + e.getMessage());
        }
        Future<Void> sinks = Future.all(
                config.cdr().postgres().map(uri -> accounting.addSink(new PostgresSink(vertx, uri), random))
                        .orElse(Future.succeededFuture()),
                config.cdr().radius().map(r -> accounting.addSink(new RadiusSink(vertx, r.server().host(),
                        r.server().port(), r.secret(), RADIUS_TIMEOUT, RADIUS_ATTEMPTS), random))
                        .orElse(Future.succeededFuture()),
                config.cdr().webhook().map(w -> accounting.addSink(new WebhookSink(vertx, w.url(), w.token(),
                        WEBHOOK_TIMEOUT), random)).orElse(Future.succeededFuture())).mapEmpty();
        Optional<NodeApi> inProcess = Optional.ofNullable(nodeVerticle)
                .map(n -> new LocalNode(config.relayNode().nodeId(), n.node(), config.relayNode().requestTimeout()));
        RelayNodes nodes = new ClusterNodes(directory, vertx.eventBus(), config.relayNode().requestTimeout(), clock,
                inProcess);
        // A dispatcher among others shares its sessions and lets the oldest act on node reports; all-in-one keeps
        // its sessions in its own memory.
        boolean shared = config.role() == Role.DISPATCHER;
        SessionStore store = shared ? new ReplicatedSessionStore(hazelcast) : new InMemorySessionStore();
        BooleanSupplier leader = shared ? new DispatcherLeadership(hazelcast) : () -> true;
        DialogEnder dialogs = DialogEnders.of(vertx, dialogProxies(config, DialogProxy.Kind.KAMAILIO),
                dialogProxies(config, DialogProxy.Kind.OPENSIPS));
        CallLock lock = shared ? new ClusterCallLock(vertx, hazelcast) : new CallSerializer();
        dispatcher = new Dispatcher(nodes, store, lock, accounting, clock, random, dialogs);
        dispatcher.reports().interimRecords(config.cdr().interim(), leader);
        ngService = new NgService(new NgHandler(dispatcher, clock), clock, controlMetrics);
        mediaproxy = new MediaProxyVerticle(config.mediaproxySocket(), config.mediaproxyListen(),
                new MpHandler(dispatcher, clock, controlMetrics), ngAccess);
        return sinks.compose(x -> deploy(new NodeEventsVerticle(dispatcher.reports(), leader), fronts))
                .compose(x -> deploy(new RelayWatch(hazelcast, directory, id -> leader.getAsBoolean()
                        ? dispatcher.reports().onNodeLost(id) : Future.succeededFuture()), fronts))
                .compose(x -> NgListeners.deploy(vertx, config.ngListen(), ngService, ngAccess))
                .map(listeners -> {
                    ng = listeners;
                    fronts.addAll(listeners.deployments());
                    return null;
                })
                .compose(x -> deploy(mediaproxy, fronts));
    }

    private Future<Void> deploy(Deployable verticle, List<String> group) {
        return vertx.deployVerticle(verticle).map(id -> {
            group.add(id);
            return null;
        });
    }

    /**
     * Stops taking requests, ends every open session (each gets its CDR, reason {@code shutdown}; in role
     * {@code dispatcher} the sessions are shared and stay with the other dispatchers), then stops the node, accounting
     * and the cluster membership. Completes when the process can exit.
     */
    public CompletionStage<Void> stop() {
        ready = false;
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        undeploy(fronts)
                // Shared sessions outlive this dispatcher: the others (or the next to start) carry them on.
                .compose(v -> dispatcher == null || config.role() == Role.DISPATCHER ? Future.<Void>succeededFuture()
                        : dispatcher.closeAll(TerminationReason.SHUTDOWN))
                .compose(v -> undeploy(core))
                .compose(v -> accounting == null ? Future.<Void>succeededFuture() : accounting.close())
                .onComplete(ar -> {
                    if (ar.failed()) {
                        LOG.log(Level.ERROR, "clean shutdown failed", ar.cause());
                    }
                    cluster.close().onComplete(closed -> stopped.complete(null));
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

    /** The ng socket's real address ({@code ng.listen} may ask for port 0); empty in role {@code relay}. */
    public Optional<SocketAddress> ngAddress() {
        return Optional.ofNullable(ng).map(NgListeners::localAddress);
    }

    /** The MediaProxy TCP port, or -1 when {@code mediaproxy.listen} is off. */
    public int mediaproxyPort() {
        return mediaproxy == null ? -1 : mediaproxy.tcpPort();
    }

    public int httpPort() {
        return http.actualPort();
    }

    /** Completes when the relay node of this process was drained and carries no call any more: time to leave. */
    public CompletionStage<Void> drained() {
        return drained;
    }

    public MediarelayConfig config() {
        return config;
    }

    /** Open calls: the dispatcher's, or the relay node's in role {@code relay}. */
    public int sessions() {
        return dispatcher != null ? dispatcher.sessionCount() : nodeVerticle.node().sessionCount();
    }

    /** The proxies of one kind that {@code dialog.end} asks to end a dialog. */
    private static List<URI> dialogProxies(MediarelayConfig config, DialogProxy.Kind kind) {
        return config.dialogProxies().stream().filter(p -> p.kind() == kind).map(DialogProxy::uri).toList();
    }
}
