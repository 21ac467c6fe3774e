package org.mediarelay.accounting.sink.webhook;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.mediarelay.accounting.sink.CdrSink;
import org.mediarelay.accounting.sink.SpooledCdr;

/**
 * CDRs POSTed to an HTTP endpoint as JSON batches: the body is a JSON array of the records exactly as the CDR files
 * hold them. Any 2xx answer means the batch is stored; anything else (or no answer within the timeout) and the same
 * batch is sent again later. The receiver deduplicates on {@code record_id}: a batch can arrive twice, and after a
 * restart a batch can overlap one already stored.
 */
public final class WebhookSink implements CdrSink {

    static final String CONTENT_TYPE = "application/json";

    private final Vertx vertx;
    private final URI url;
    private final Optional<String> bearerToken;
    private final Duration timeout;
    private HttpClient client;

    public WebhookSink(Vertx vertx, URI url, Optional<String> bearerToken, Duration timeout) {
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("a webhook needs an http:// or https:// URL with a host");
        }
        this.vertx = vertx;
        this.url = url;
        this.bearerToken = bearerToken;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Future<Void> start() {
        if (client == null) {
            client = vertx.createHttpClient(new HttpClientOptions().setSsl("https".equals(url.getScheme()))
                    .setConnectTimeout((int) timeout.toMillis()).setKeepAlive(true));
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> deliver(List<SpooledCdr> batch) {
        Buffer body = Buffer.buffer(batch.size() * 1024);
        body.appendString("[");
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                body.appendString(",");
            }
            body.appendString(batch.get(i).line(), StandardCharsets.UTF_8.name());
        }
        body.appendString("]");
        int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(url.getHost()).setPort(port)
                .setURI(path).setIdleTimeout(timeout.toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                .putHeader("X-Mediarelay-Records", String.valueOf(batch.size()));
        bearerToken.ifPresent(t -> request.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + t));
        return client.request(request)
                .compose(req -> req.send(body))
                .compose(resp -> resp.body().compose(b -> resp.statusCode() / 100 == 2 ? Future.<Void>succeededFuture()
                        : Future.failedFuture("webhook " + url.getHost() + " answered " + resp.statusCode() + " "
                        + resp.statusMessage())));
    }

    @Override
    public Future<Void> close() {
        return client == null ? Future.succeededFuture() : client.close();
    }
}
