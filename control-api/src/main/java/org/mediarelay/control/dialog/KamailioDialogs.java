package org.mediarelay.control.dialog;

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
import org.mediarelay.dispatcher.DialogEnder;
import org.mediarelay.dispatcher.session.CallSession;

/**
 * Ends dialogs through Kamailio's JSON-RPC over HTTP ({@code jsonrpcs} with {@code xhttp}): {@code dlg.terminate_dlg}
 * with the Call-ID and both tags, which makes Kamailio's dialog module send BYE to both parties. Every configured
 * Kamailio is asked; one that does not know the dialog answers with an error, which is only logged.
 */
public final class KamailioDialogs implements DialogEnder {

    private static final System.Logger LOG = System.getLogger(KamailioDialogs.class.getName());

    private final HttpClient http;
    private final List<URI> endpoints;
    private final AtomicLong ids = new AtomicLong();

    public KamailioDialogs(Vertx vertx, List<URI> endpoints) {
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000));
        this.endpoints = List.copyOf(endpoints);
    }

    @Override
    public Future<Void> end(CallSession s) {
        if (s.calleeTag().isEmpty()) {
            return Future.succeededFuture();
        }
        List<Future<?>> asked = new ArrayList<>();
        for (URI uri : endpoints) {
            JsonObject rpc = new JsonObject().put("jsonrpc", "2.0").put("method", "dlg.terminate_dlg")
                    .put("params", new JsonArray().add(s.callId()).add(s.callerTag()).add(s.calleeTag().get()))
                    .put("id", ids.incrementAndGet());
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString())
                    .setTimeout(3000).putHeader("content-type", "application/json");
            asked.add(http.request(request)
                    .compose(r -> r.send(rpc.encode()))
                    .compose(r -> r.body().map(body -> {
                        JsonObject reply = new JsonObject(body);
                        if (reply.containsKey("error")) {
                            LOG.log(Level.INFO, () -> "Kamailio " + uri + " did not end the dialog of " + s.callId()
                                    + ": " + reply.getValue("error"));
                        } else {
                            LOG.log(Level.INFO, () -> "Kamailio " + uri + " ends the dialog of " + s.callId());
                        }
                        return null;
                    }))
                    .onFailure(e -> LOG.log(Level.WARNING, "Kamailio " + uri + " not reached to end the dialog of "
                            + s.callId() + ": " + e.getMessage())));
        }
        return Future.join(asked).<Void>mapEmpty().recover(e -> Future.succeededFuture());
    }
}
