package org.mediarelay.control.ng;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import org.mediarelay.control.access.SourceAllowList;

/**
 * ng over HTTP, as rtpengine serves it: {@code POST /ng} takes {@code COOKIE SP DICT} and answers the same way
 * ({@code Content-Type: application/x-rtpengine-ng}); {@code POST /ng-plain} takes and answers the bare dictionary.
 * A request from outside {@code ng.allow} gets 403.
 */
public final class NgHttpRoutes {

    static final String CONTENT_TYPE = "application/x-rtpengine-ng";

    private NgHttpRoutes() {
    }

    public static void install(Router router, NgService service, SourceAllowList access) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(NgService.MAX_MESSAGE);
        router.post("/ng").handler(body).handler(ctx -> {
            if (allowed(ctx, access)) {
                byte[] message = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
                Optional<io.vertx.core.Future<byte[]>> reply = service.serve(message, NgTransport.HTTP, source(ctx));
                if (reply.isEmpty()) {
                    ctx.response().setStatusCode(400).putHeader("content-type", "text/plain")
                            .end("an ng message is COOKIE SP DICT; use /ng-plain for a bare dictionary\n");
                    return;
                }
                reply.get().onComplete(r -> send(ctx, r.succeeded() ? r.result() : null));
            }
        });
        router.post("/ng-plain").handler(body).handler(ctx -> {
            if (allowed(ctx, access)) {
                byte[] message = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
                service.servePlain(message, source(ctx)).onComplete(r -> send(ctx, r.succeeded() ? r.result() : null));
            }
        });
    }

    private static boolean allowed(RoutingContext ctx, SourceAllowList access) {
        if (access.allows(ctx.request().remoteAddress().host(), NgTransport.HTTP.label())) {
            return true;
        }
        ctx.response().setStatusCode(403).putHeader("content-type", "text/plain").end("source not allowed\n");
        return false;
    }

    private static void send(RoutingContext ctx, byte[] reply) {
        if (reply == null) {
            ctx.response().setStatusCode(500).end();
            return;
        }
        ctx.response().putHeader("content-type", CONTENT_TYPE).end(Buffer.buffer(reply));
    }

    private static String source(RoutingContext ctx) {
        return ctx.request().remoteAddress().toString();
    }
}
