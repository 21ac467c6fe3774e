package org.mediarelay.dispatcher.dialog;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.mediarelay.accounting.cdr.DialogEnding;
import org.mediarelay.dispatcher.DialogEnder;
import org.mediarelay.dispatcher.session.CallSession;

/**
 * Ends dialogs through OpenSIPS' management interface (JSON-RPC): {@code dlg_end_dlg} with the dialog's id
 * ({@link OpenSipsDialogId}), over HTTP ({@code mi_http}, {@code http://HOST:PORT/mi}) or UDP ({@code mi_datagram},
 * {@code udp://HOST:PORT}, one request and one reply per datagram). OpenSIPS' dialog module then sends BYE to both
 * parties. A 404 means the dialog is already gone (no retry); any other error reply, or none within
 * {@link #TIMEOUT_MILLIS}, is asked again a few times ({@link #ATTEMPTS}), as for Kamailio.
 */
public final class OpenSipsDialogs implements DialogEnder {

    private static final System.Logger LOG = System.getLogger(OpenSipsDialogs.class.getName());

    /** Attempts per OpenSIPS, one, two, three... seconds apart, each waiting three seconds for a reply. */
    static final int ATTEMPTS = 4;
    static final long RETRY_MILLIS = 1000;
    static final long TIMEOUT_MILLIS = 3000;
    /** JSON-RPC error code of {@code dlg_end_dlg} for a dialog OpenSIPS does not have. */
    private static final int NOT_FOUND = 404;

    private final Vertx vertx;
    private final HttpClient http;
    private final List<URI> endpoints;
    private final AtomicLong ids = new AtomicLong();
    private final long retryMillis;
    private final long timeoutMillis;

    public OpenSipsDialogs(Vertx vertx, List<URI> endpoints) {
        this(vertx, endpoints, RETRY_MILLIS, TIMEOUT_MILLIS);
    }

    /** With other pauses between attempts and another wait for each reply (tests). */
    OpenSipsDialogs(Vertx vertx, List<URI> endpoints, long retryMillis, long timeoutMillis) {
        this.vertx = vertx;
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000));
        this.endpoints = List.copyOf(endpoints);
        this.retryMillis = retryMillis;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Future<DialogEnding> end(CallSession s) {
        String dialogId = OpenSipsDialogId.forEnd(s.annotations().dialogId(), s.callId());
        List<Future<DialogEnding>> asked = new ArrayList<>();
        for (URI uri : endpoints) {
            asked.add(ask(uri, s.callId(), dialogId, 1).recover(e -> {
                LOG.log(Level.WARNING, "OpenSIPS " + uri + " not reached to end the dialog of " + s.callId() + ": "
                        + e.getMessage());
                return Future.succeededFuture(DialogEnding.FAILED);
            }));
        }
        return DialogEnders.best(asked);
    }

    private Future<DialogEnding> ask(URI uri, String callId, String dialogId, int attempt) {
        JsonObject rpc = new JsonObject().put("jsonrpc", "2.0").put("method", "dlg_end_dlg")
                .put("params", new JsonObject().put("dialog_id", dialogId)).put("id", ids.incrementAndGet());
        return send(uri, rpc).compose(reply -> {
            if (reply.containsKey("result")) {
                LOG.log(Level.INFO, () -> "OpenSIPS " + uri + " ends the dialog of " + callId + " (" + dialogId + ")");
                return Future.succeededFuture(DialogEnding.ENDED);
            }
            JsonObject error = reply.getValue("error") instanceof JsonObject e ? e : new JsonObject();
            if (error.getValue("code") instanceof Number code && code.intValue() == NOT_FOUND) {
                LOG.log(Level.INFO, () -> "OpenSIPS " + uri + " no longer has the dialog of " + callId + " ("
                        + dialogId + ")");
                return Future.succeededFuture(DialogEnding.GONE);
            }
            if (attempt >= ATTEMPTS) {
                LOG.log(Level.INFO, () -> "OpenSIPS " + uri + " did not end the dialog of " + callId + " (" + attempt
                        + " attempts): " + reply.getValue("error"));
                return Future.succeededFuture(DialogEnding.FAILED);
            }
            return vertx.timer(retryMillis * attempt).compose(t -> ask(uri, callId, dialogId, attempt + 1));
        }, e -> attempt >= ATTEMPTS ? Future.failedFuture(e)
                : vertx.timer(retryMillis * attempt).compose(t -> ask(uri, callId, dialogId, attempt + 1)));
    }

    private Future<JsonObject> send(URI uri, JsonObject rpc) {
        if ("udp".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            return datagram(uri, rpc);
        }
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString())
                .setTimeout(timeoutMillis).putHeader("content-type", "application/json");
        return http.request(request)
                .compose(r -> r.send(rpc.encode()))
                .compose(r -> r.body())
                .map(JsonObject::new);
    }

    /** One request in one datagram from a socket of its own; the first datagram back is the reply. */
    private Future<JsonObject> datagram(URI uri, JsonObject rpc) {
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        boolean v6 = host.contains(":");
        DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions().setIpV6(v6));
        Promise<JsonObject> reply = Promise.promise();
        socket.handler(packet -> {
            try {
                reply.tryComplete(new JsonObject(packet.data()));
            } catch (RuntimeException malformed) {
                reply.tryFail("a reply that is not JSON: " + malformed.getMessage());
            }
        });
        long timer = vertx.setTimer(timeoutMillis, t -> reply.tryFail("no reply within " + timeoutMillis + " ms"));
        socket.listen(0, v6 ? "::" : "0.0.0.0")
                .compose(s -> s.send(Buffer.buffer(rpc.encode()), uri.getPort(), host))
                .onFailure(reply::tryFail);
        return reply.future().andThen(x -> {
            vertx.cancelTimer(timer);
            socket.close();
        });
    }
}
