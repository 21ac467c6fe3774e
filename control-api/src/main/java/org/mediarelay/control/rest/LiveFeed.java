package org.mediarelay.control.rest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.mediarelay.dispatcher.Dispatcher;
import org.mediarelay.dispatcher.command.CallView;
import org.mediarelay.dispatcher.command.QueryOutcome;

/**
 * {@code GET /v1/live}: server-sent events for the web page (and any other watcher). Each {@link #INTERVAL} one
 * {@code snapshot} event: the nodes, the totals and the oldest {@code limit} calls with their streams' counters,
 * latched addresses, quality and path; with {@code ?call=ID}, that one call instead ({@code "call": null} once it
 * ended). The next snapshot is built only after the last was written, so a slow watcher gets fewer, never a queue.
 */
final class LiveFeed {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final Dispatcher dispatcher;
    private final Duration interval;

    LiveFeed(Dispatcher dispatcher, Duration interval) {
        this.dispatcher = dispatcher;
        this.interval = interval;
    }

    void handle(RoutingContext ctx) {
        Optional<String> call = Optional.ofNullable(ctx.queryParams().get("call")).filter(c -> !c.isEmpty());
        int limit;
        try {
            limit = Integer.parseInt(Optional.ofNullable(ctx.queryParams().get("limit"))
                    .orElse(Integer.toString(DEFAULT_LIMIT)));
            if (limit < 0 || limit > MAX_LIMIT) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            Problems.invalid(ctx, "limit must be a whole number from 0 to " + MAX_LIMIT);
            return;
        }
        HttpServerResponse response = ctx.response().setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-store").putHeader("x-accel-buffering", "no");
        new Watcher(ctx.vertx(), response, call, limit).next();
    }

    /** One open feed: writes a snapshot, waits the interval, repeats until the watcher goes away. */
    private final class Watcher {
        private final Vertx vertx;
        private final HttpServerResponse response;
        private final Optional<String> call;
        private final int limit;
        private boolean closed;

        Watcher(Vertx vertx, HttpServerResponse response, Optional<String> call, int limit) {
            this.vertx = vertx;
            this.response = response;
            this.call = call;
            this.limit = limit;
            response.closeHandler(v -> closed = true);
        }

        void next() {
            if (closed) {
                return;
            }
            snapshot().onComplete(r -> {
                if (closed) {
                    return;
                }
                JsonObject data = r.succeeded() ? r.result()
                        : new JsonObject().put("error", "snapshot failed: " + r.cause().getMessage());
                // A watcher that does not read does not make the relay buffer for it: its snapshot waits.
                Future<Void> written = response.writeQueueFull() ? Future.succeededFuture()
                        : response.write("event: snapshot\ndata: " + data.encode() + "\n\n");
                written.onComplete(w -> {
                    if (w.failed()) {
                        closed = true;
                    } else {
                        vertx.setTimer(interval.toMillis(), t -> next());
                    }
                });
            });
        }

        private Future<JsonObject> snapshot() {
            JsonObject base = new JsonObject().put("nodes", ApiJson.nodes(dispatcher.nodes().states()))
                    .put("statistics", ApiJson.statistics(dispatcher.totals(), dispatcher.sessionCount()));
            if (call.isPresent()) {
                return dispatcher.query(call.get()).map(q -> q instanceof QueryOutcome.Found f
                        ? base.put("call", withStreams(f)) : base.putNull("call"));
            }
            List<CallView> shown = dispatcher.calls(limit).stream().toList();
            List<Future<QueryOutcome>> queries = shown.stream().map(s -> dispatcher.query(s.callId())).toList();
            return Future.join(queries).transform(done -> {
                JsonArray calls = new JsonArray();
                for (int i = 0; i < shown.size(); i++) {
                    Future<QueryOutcome> q = queries.get(i);
                    // A call that ended (or whose node did not answer) between listing and querying: its summary.
                    calls.add(q.succeeded() && q.result() instanceof QueryOutcome.Found f ? withStreams(f)
                            : ApiJson.summary(shown.get(i), dispatcher.reports().lastInterim(shown.get(i).sessionId())));
                }
                return Future.succeededFuture(base.put("calls", calls).put("total", dispatcher.sessionCount()));
            });
        }

        private JsonObject withStreams(QueryOutcome.Found f) {
            return ApiJson.call(f.call(), dispatcher.reports().lastInterim(f.call().sessionId()), f.streams());
        }
    }
}
