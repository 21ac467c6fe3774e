package org.mediarelay.control.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.mediarelay.control.ListenFailure;
import org.mediarelay.control.config.HostPort;

/**
 * HTTP on {@code http.listen}: ng over HTTP (installed by its front end), liveness ({@code GET /health/live}: the process serves requests) and readiness
 * ({@code GET /health/ready}: it can take calls, 503 while starting or stopping).
 *
 * <p>HTTP/1.1 only: a request that asks to upgrade to cleartext HTTP/2 ({@code Upgrade: h2c}, what the JDK's
 * {@code HttpClient} sends by default) is answered in HTTP/1.1. About one in a hundred upgraded exchanges between the
 * JDK's client (17 and 25) and this server never completed although every byte had arrived; Prometheus, curl and
 * browsers speak HTTP/1.1 on a cleartext port anyway (docs/operations.md).
 */
public final class HttpVerticle extends VerticleBase {

    private final HostPort listen;
    private final BooleanSupplier ready;
    private final IntSupplier sessions;
    private final Consumer<Router> routes;
    private HttpServer server;

    /** @param routes installs the other front ends' routes (ng over HTTP) */
    public HttpVerticle(HostPort listen, BooleanSupplier ready, IntSupplier sessions, Consumer<Router> routes) {
        this.listen = listen;
        this.ready = ready;
        this.sessions = sessions;
        this.routes = routes;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "up")));
        router.get("/health/ready").handler(ctx -> {
            boolean ok = ready.getAsBoolean();
            json(ctx, ok ? 200 : 503, new JsonObject().put("status", ok ? "ready" : "not-ready")
                    .put("sessions", sessions.getAsInt()));
        });
        routes.accept(router);
        server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false)).requestHandler(router);
        return server.listen(listen.port(), listen.host())
                .recover(e -> Future.failedFuture(new ListenFailure("http.listen", listen, e)));
    }

    @Override
    public Future<?> stop() {
        return server.close();
    }

    public int actualPort() {
        return server.actualPort();
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
