package org.mediarelay.control.ng;

import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.mediarelay.control.DispatcherFixture;
import org.mediarelay.control.access.Cidr;
import org.mediarelay.control.access.SourceAllowList;
import org.mediarelay.control.config.HostPort;
import org.mediarelay.control.http.HttpVerticle;
import org.mediarelay.control.metrics.ControlMetrics;
import org.mediarelay.dispatcher.Dispatcher;
import org.mediarelay.node.port.MediaInterface;

/**
 * A real relay node, dispatcher and CDR journal behind ng on UDP, TCP and HTTP, all on loopback ports the system
 * picks: what the tests of the ng front ends talk to.
 */
final class NgFixture {

    final Dispatcher dispatcher;
    final NgService service;
    final SourceAllowList access;
    final InetSocketAddress udp;
    final InetSocketAddress tcp;
    final int httpPort;
    final DispatcherFixture core;

    private NgFixture(DispatcherFixture core, NgService service, SourceAllowList access, InetSocketAddress udp, InetSocketAddress tcp,
                      int httpPort) {
        this.core = core;
        this.dispatcher = core.dispatcher;
        this.service = service;
        this.access = access;
        this.udp = udp;
        this.tcp = tcp;
        this.httpPort = httpPort;
    }

    /** @param pairs media port pairs of the node; @param allowed the networks ng accepts */
    static NgFixture start(Vertx vertx, Path data, int pairs, String... allowed) throws Exception {
        return start(vertx, DispatcherFixture.start(vertx, data, pairs), allowed);
    }

    /**
     * A node named {@code nodeId} that relays on {@code address}, advertised as {@code advertised} ({@code ::1} for an
     * IPv6 relay).
     */
    static NgFixture start(Vertx vertx, Path data, InetAddress address, String advertised, String nodeId)
            throws Exception {
        return start(vertx, DispatcherFixture.start(vertx, data, 16, address, advertised, nodeId), "127.0.0.0/8");
    }

    /** A node with several media interfaces. */
    static NgFixture start(Vertx vertx, Path data, List<MediaInterface> interfaces) throws Exception {
        return start(vertx, DispatcherFixture.start(vertx, data, interfaces), "127.0.0.0/8");
    }

    private static NgFixture start(Vertx vertx, DispatcherFixture core, String... allowed) throws Exception {
        SourceAllowList access = new SourceAllowList(List.of(allowed).stream().map(Cidr::parse).toList());
        NgService service = new NgService(new NgHandler(core.dispatcher, Clock.systemUTC()), Clock.systemUTC(),
                new ControlMetrics());
        NgListeners ng = DispatcherFixture.await(NgListeners.deploy(vertx, HostPort.parse("127.0.0.1:0"), service,
                access));
        int port = ng.localAddress().port();
        HttpVerticle http = new HttpVerticle(HostPort.parse("127.0.0.1:0"), () -> true, core.dispatcher::sessionCount,
                router -> NgHttpRoutes.install(router, service, access));
        DispatcherFixture.await(vertx.deployVerticle(http));
        InetAddress lo = InetAddress.getLoopbackAddress();
        return new NgFixture(core, service, access, new InetSocketAddress(lo, port), new InetSocketAddress(lo, port),
                http.actualPort());
    }

    static NgFixture start(Vertx vertx, Path data) throws Exception {
        return start(vertx, data, 16, "127.0.0.0/8");
    }

    void stop() throws Exception {
        core.stop();
    }
}
