package org.mediarelay.dispatcher.dialog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.mediarelay.accounting.cdr.DialogEnding;
import org.mediarelay.dispatcher.DialogEnder;
import org.mediarelay.dispatcher.session.CallSession;

/**
 * Ends dialogs through Kamailio's JSON-RPC over HTTP ({@code jsonrpcs} with {@code xhttp}): {@code dlg.terminate_dlg}
 * with the Call-ID and both tags, which makes Kamailio's dialog module send BYE to both parties. Every configured
 * Kamailio is asked; an error reply (a dialog not confirmed yet, or unknown to that Kamailio) is asked again a few
 * times, then only logged.
 */
public final class KamailioDialogs implements DialogEnder {

    private static final System.Logger LOG = System.getLogger(KamailioDialogs.class.getName());

    /** Attempts per Kamailio, one, two, three... seconds apart. */
    static final int ATTEMPTS = 4;
    static final long RETRY_MILLIS = 1000;

    private final Vertx vertx;
    private final HttpClient http;
    private final List<URI> endpoints;
    private final AtomicLong ids = new AtomicLong();

    public KamailioDialogs(Vertx vertx, List<URI> endpoints) {
        this.vertx = vertx;
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000));
        this.endpoints = List.copyOf(endpoints);
    }

    @Override
    public Future<DialogEnding> end(CallSession s) {
        if (s.calleeTag().isEmpty()) {
            return Future.succeededFuture(DialogEnding.FAILED);
        }
        List<Future<Boolean>> asked = new ArrayList<>();
        for (URI uri : endpoints) {
            asked.add(ask(uri, s, 1).recover(e -> {
                LOG.log(Level.WARNING, "Kamailio " + uri + " not reached to end the dialog of " + s.callId() + ": "
                        + e.getMessage());
                return Future.succeededFuture(false);
            }));
        }
        return Future.join(asked).map(all -> asked.stream().anyMatch(Future::result)
                ? DialogEnding.ENDED : DialogEnding.FAILED).otherwise(DialogEnding.FAILED);
    }

    /**
     * One {@code dlg.terminate_dlg}; an error reply is asked again after a pause, up to {@link #ATTEMPTS} times: a
     * dialog whose ACK has not crossed Kamailio yet is not confirmed, and Kamailio refuses to end it until it is.
     */
    private Future<Boolean> ask(URI uri, CallSession s, int attempt) {
        JsonObject rpc = new JsonObject().put("jsonrpc", "2.0").put("method", "dlg.terminate_dlg")
                .put("params", new JsonArray().add(s.callId()).add(s.callerTag()).add(s.calleeTag().orElseThrow()))
                .put("id", ids.incrementAndGet());
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString())
                .setTimeout(3000).putHeader("content-type", "application/json");
        return http.request(request)
                .compose(r -> r.send(rpc.encode()))
                .compose(r -> r.body())
                .compose(body -> {
                    JsonObject reply = new JsonObject(body);
                    if (!reply.containsKey("error")) {
                        LOG.log(Level.INFO, () -> "Kamailio " + uri + " ends the dialog of " + s.callId());
                        return Future.succeededFuture(true);
                    }
                    if (attempt >= ATTEMPTS) {
                        LOG.log(Level.INFO, () -> "Kamailio " + uri + " did not end the dialog of " + s.callId()
                                + " (" + attempt + " attempts): " + reply.getValue("error"));
                        return Future.succeededFuture(false);
                    }
                    return vertx.timer(RETRY_MILLIS * attempt).compose(t -> ask(uri, s, attempt + 1));
                });
    }
}
