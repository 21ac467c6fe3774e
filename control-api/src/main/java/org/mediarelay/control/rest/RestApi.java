package org.mediarelay.control.rest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.mediarelay.accounting.cdr.TerminationReason;
import org.mediarelay.control.http.Resources;
import org.mediarelay.control.metrics.ControlMetrics;
import org.mediarelay.dispatcher.Dispatcher;
import org.mediarelay.dispatcher.command.CallView;
import org.mediarelay.dispatcher.command.DeleteCommand;
import org.mediarelay.dispatcher.command.DeleteOutcome;
import org.mediarelay.dispatcher.command.Failure;
import org.mediarelay.dispatcher.command.QueryOutcome;
import org.mediarelay.dispatcher.command.SdpCommand;
import org.mediarelay.dispatcher.command.SdpOutcome;
import org.mediarelay.node.api.StreamStats;

/**
 * The REST/JSON API under {@code /v1} (see {@code GET /openapi.json}): offer, answer, get and delete a call, list
 * calls, list and drain nodes, statistics. Errors are RFC 9457 problem details. When {@code http.tokens} is set,
 * every {@code /v1} request needs {@code Authorization: Bearer <token>}.
 */
public final class RestApi {

    private static final System.Logger LOG = System.getLogger(RestApi.class.getName());

    private final Dispatcher dispatcher;
    private final List<byte[]> tokens;
    private final ControlMetrics metrics;

    /** @param tokens accepted bearer tokens; empty: no authentication */
    public RestApi(Dispatcher dispatcher, List<String> tokens, ControlMetrics metrics) {
        this.dispatcher = dispatcher;
        this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
        this.metrics = metrics;
    }

    public void install(Router router) {
        Buffer openapi = Resources.read("/openapi/mediarelay.json");
        router.get("/openapi.json").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
                .end(openapi));
        router.route("/v1/*").handler(this::authenticate);
        router.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(256 * 1024));
        router.post("/v1/calls/:callId/offer").handler(ctx -> sdp(ctx, SdpCommand.Kind.OFFER));
        router.post("/v1/calls/:callId/answer").handler(ctx -> sdp(ctx, SdpCommand.Kind.ANSWER));
        router.get("/v1/calls/:callId").handler(this::getCall);
        router.delete("/v1/calls/:callId").handler(this::deleteCall);
        router.get("/v1/calls").handler(this::listCalls);
        router.get("/v1/nodes").handler(this::listNodes);
        router.post("/v1/nodes/:nodeId/drain").handler(this::drain);
        router.get("/v1/statistics").handler(this::statistics);
        router.get("/v1/live").handler(new LiveFeed(dispatcher, LiveFeed.INTERVAL)::handle);
        router.route("/v1/*").last().handler(ctx -> Problems.send(ctx, 404, "not-found", "No such resource",
                ctx.request().method() + " " + ctx.request().path() + " is not part of the API (see /openapi.json)"));
    }

    private void authenticate(RoutingContext ctx) {
        if (tokens.isEmpty()) {
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        // Constant-time comparison: the response time must not tell how much of a token was right.
        boolean ok = false;
        for (byte[] t : tokens) {
            ok |= MessageDigest.isEqual(t, given);
        }
        if (ok) {
            ctx.next();
            return;
        }
        metrics.refused("rest");
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"mediarelay\"");
        Problems.send(ctx, 401, "unauthorized", "Authentication required",
                header == null ? "send Authorization: Bearer <token>" : "the bearer token is not accepted");
    }

    private void sdp(RoutingContext ctx, SdpCommand.Kind kind) {
        long start = System.nanoTime();
        String command = kind == SdpCommand.Kind.OFFER ? "offer" : "answer";
        SdpCommand c;
        try {
            c = RestSdpRequest.read(kind, ctx.pathParam("callId"), ctx.body().buffer());
        } catch (IllegalArgumentException e) {
            metrics.observe("rest", command, "error", System.nanoTime() - start);
            Problems.invalid(ctx, e.getMessage());
            return;
        }
        dispatcher.handle(c).onComplete(r -> {
            if (r.failed()) {
                internal(ctx, r.cause());
                return;
            }
            SdpOutcome outcome = r.result();
            metrics.observe("rest", command, outcome instanceof Failure ? "error" : "ok", System.nanoTime() - start);
            outcome.<Runnable>rewrittenOr(w -> () -> ok(ctx, 200, new JsonObject().put("sdp", w.text())),
                    f -> () -> Problems.failure(ctx, f.code(), f.reason())).run();
        });
    }

    private void getCall(RoutingContext ctx) {
        dispatcher.query(ctx.pathParam("callId")).onComplete(r -> {
            if (r.failed()) {
                internal(ctx, r.cause());
                return;
            }
            r.result().<Runnable>fold(found -> () -> ok(ctx, 200, call(found.call(), found.streams())),
                    nf -> () -> Problems.send(ctx, 404, "unknown-call", "No such call", nf.reason()),
                    f -> () -> Problems.failure(ctx, f.code(), f.reason())).run();
        });
    }

    private void deleteCall(RoutingContext ctx) {
        String fromTag = ctx.queryParams().get("from_tag");
        if (fromTag == null || fromTag.isEmpty()) {
            Problems.invalid(ctx, "query parameter from_tag is required (either party's tag)");
            return;
        }
        String force = Optional.ofNullable(ctx.queryParams().get("force")).orElse("false");
        if (!force.equals("true") && !force.equals("false")) {
            Problems.invalid(ctx, "query parameter force must be true or false");
            return;
        }
        dispatcher.delete(new DeleteCommand(ctx.pathParam("callId"), fromTag,
                Optional.ofNullable(ctx.queryParams().get("to_tag")), false, force.equals("true"))).onComplete(r -> {
                    if (r.failed()) {
                        internal(ctx, r.cause());
                        return;
                    }
                    r.result().<Runnable>fold(
                            d -> () -> ok(ctx, 200, call(d.call(), d.streams()).put("reason", d.cdr().reason().token())),
                            b -> () -> ok(ctx, 200, new JsonObject().put("call_id", ctx.pathParam("callId"))
                                    .put("branch_ended", b.branch())),
                            nf -> () -> Problems.send(ctx, 404, "unknown-call", "No such call", nf.reason()),
                            f -> () -> Problems.failure(ctx, f.code(), f.reason())).run();
                });
    }

    private void listCalls(RoutingContext ctx) {
        int limit;
        try {
            limit = Integer.parseInt(Optional.ofNullable(ctx.queryParams().get("limit")).orElse("1000"));
            if (limit < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            Problems.invalid(ctx, "limit must be a whole number >= 0");
            return;
        }
        JsonArray calls = new JsonArray();
        dispatcher.calls(limit).stream().forEach(s -> calls.add(summary(s)));
        ok(ctx, 200, new JsonObject().put("calls", calls).put("total", dispatcher.sessionCount()));
    }

    private void listNodes(RoutingContext ctx) {
        ok(ctx, 200, new JsonObject().put("nodes", ApiJson.nodes(dispatcher.nodes().states())));
    }

    /**
     * {@code POST /v1/nodes/{id}/drain[?deadline=SECONDS]}: no new calls on the node; with a deadline, the calls still
     * up when it passes end with reason {@code drained}, so that the node can leave.
     */
    private void drain(RoutingContext ctx) {
        String id = ctx.pathParam("nodeId");
        long deadline;
        try {
            deadline = Long.parseLong(Optional.ofNullable(ctx.queryParams().get("deadline")).orElse("-1"));
            if (deadline < -1 || deadline > 7 * 24 * 3600) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            Problems.invalid(ctx, "deadline must be a whole number of seconds from 0 to 604800");
            return;
        }
        // Marking the node is a write to the cluster map, which waits for the member that owns the entry (for its
        // operation timeout if that member just died): a worker thread waits, not this event loop.
        ctx.vertx().executeBlocking(() -> dispatcher.nodes().drain(id), false).onComplete(marked -> {
            if (marked.failed()) {
                internal(ctx, marked.cause());
            } else if (!marked.result()) {
                Problems.send(ctx, 404, "unknown-node", "No such node", "no relay node '" + id + "'");
            } else {
                JsonObject body = new JsonObject().put("id", id).put("state", "draining");
                if (deadline >= 0) {
                    ctx.vertx().setTimer(Math.max(1, deadline * 1000),
                            t -> dispatcher.endCallsOn(id, TerminationReason.DRAINED));
                    body.put("deadline_seconds", deadline);
                }
                ok(ctx, 202, body);
            }
        });
    }

    private void statistics(RoutingContext ctx) {
        ok(ctx, 200, ApiJson.statistics(dispatcher.totals(), dispatcher.sessionCount()));
    }

    private JsonObject summary(CallView s) {
        return ApiJson.summary(s, dispatcher.reports().lastInterim(s.sessionId()));
    }

    private JsonObject call(CallView s, List<StreamStats> streams) {
        return ApiJson.call(s, dispatcher.reports().lastInterim(s.sessionId()), streams);
    }

    private static void ok(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }

    private static void internal(RoutingContext ctx, Throwable e) {
        LOG.log(Level.ERROR, "REST request failed", e);
        Problems.send(ctx, 500, "internal", "Internal error", "the request failed; the log says why");
    }
}
