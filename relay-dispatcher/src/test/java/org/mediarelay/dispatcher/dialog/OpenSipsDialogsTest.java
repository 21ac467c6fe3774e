package org.mediarelay.dispatcher.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediarelay.accounting.cdr.DialogEnding;
import org.mediarelay.dispatcher.session.CallSession;
import org.mediarelay.dispatcher.signalling.Annotation;
import org.mediarelay.node.api.Party;

/**
 * The MI client against stand-ins for OpenSIPS' {@code mi_http} and {@code mi_datagram} that answer as OpenSIPS 3.4
 * does (JSON-RPC 2.0; {@code dlg_end_dlg} answers 404 "Dialog not found"). The real OpenSIPS is OpenSipsTest's.
 */
class OpenSipsDialogsTest {

    private static final long RETRY_MILLIS = 50;
    private static final long TIMEOUT_MILLIS = 300;

    private Vertx vertx;
    private final List<JsonObject> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A call the mediaproxy module engaged (dialog id h_entry 1274, h_id 9), answered. */
    private static CallSession engaged() {
        Instant t0 = Instant.parse("2026-12-07T10:00:00Z");
        return CallSession.offered("s1", "c1@host", "alice", "relay-a", t0)
                .signalled(Party.CALLER, t0, new Annotation(Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of(String.valueOf(1274L << 32 | 9))))
                .answeredBy("bob", "203.0.113.5", t0.plusSeconds(2));
    }

    /** An mi_http stand-in whose n-th reply (from 0) is {@code replies.apply(n)}; its URL. */
    private URI miHttp(Function<Integer, JsonObject> replies) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            JsonObject rpc = body.toJsonObject();
            requests.add(rpc);
            req.response().putHeader("content-type", "application/json")
                    .end(replies.apply(requests.size() - 1).put("jsonrpc", "2.0").put("id", rpc.getValue("id"))
                            .encode());
        }));
        int port = await(server.listen(0, "127.0.0.1")).actualPort();
        return URI.create("http://127.0.0.1:" + port + "/mi");
    }

    private static JsonObject ok() {
        return new JsonObject().put("result", "OK");
    }

    private static JsonObject error(int code, String message) {
        return new JsonObject().put("error", new JsonObject().put("code", code).put("message", message));
    }

    private DialogEnding end(URI uri, CallSession s) throws Exception {
        return await(new OpenSipsDialogs(vertx, List.of(uri), RETRY_MILLIS, TIMEOUT_MILLIS).end(s));
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void over_http_dlg_end_dlg_gets_the_dialog_id_in_opensips_form_and_a_result_means_ended() throws Exception {
        assertEquals(DialogEnding.ENDED, end(miHttp(n -> ok()), engaged()));
        assertEquals(1, requests.size());
        assertEquals("dlg_end_dlg", requests.get(0).getString("method"));
        assertEquals(new JsonObject().put("dialog_id", "af4.9"), requests.get(0).getJsonObject("params"));
    }

    @Test
    void a_call_without_a_dialog_id_is_ended_by_its_call_id() throws Exception {
        CallSession plain = CallSession.offered("s2", "c2@host", "alice", "relay-a", Instant.EPOCH)
                .answeredBy("bob", "203.0.113.5", Instant.EPOCH);
        assertEquals(DialogEnding.ENDED, end(miHttp(n -> ok()), plain));
        assertEquals("c2@host", requests.get(0).getJsonObject("params").getString("dialog_id"));
    }

    @Test
    void a_404_means_the_dialog_is_gone_and_it_is_not_asked_again() throws Exception {
        assertEquals(DialogEnding.GONE, end(miHttp(n -> error(404, "Dialog not found")), engaged()));
        assertEquals(1, requests.size());
    }

    @Test
    void another_error_is_asked_again_and_a_later_result_ends_the_dialog() throws Exception {
        assertEquals(DialogEnding.ENDED, end(miHttp(n -> n == 0 ? error(500, "Operation failed") : ok()), engaged()));
        assertEquals(2, requests.size());
    }

    @Test
    void an_opensips_that_keeps_refusing_is_asked_four_times_then_failed() throws Exception {
        assertEquals(DialogEnding.FAILED, end(miHttp(n -> error(403, "Dialog is backup")), engaged()));
        assertEquals(OpenSipsDialogs.ATTEMPTS, requests.size());
    }

    @Test
    void over_udp_one_datagram_carries_the_request_and_one_the_reply() throws Exception {
        DatagramSocket mi = vertx.createDatagramSocket();
        mi.handler(packet -> {
            JsonObject rpc = packet.data().toJsonObject();
            requests.add(rpc);
            mi.send(Buffer.buffer(ok().put("jsonrpc", "2.0").put("id", rpc.getValue("id")).encode()),
                    packet.sender().port(), packet.sender().host());
        });
        int port = await(mi.listen(0, "127.0.0.1")).localAddress().port();
        assertEquals(DialogEnding.ENDED, end(URI.create("udp://127.0.0.1:" + port), engaged()));
        assertEquals("af4.9", requests.get(0).getJsonObject("params").getString("dialog_id"));
    }

    @Test
    void an_opensips_that_never_answers_over_udp_is_failed_after_every_attempt_timed_out() throws Exception {
        DatagramSocket silent = vertx.createDatagramSocket();
        silent.handler(packet -> requests.add(packet.data().toJsonObject()));
        int port = await(silent.listen(0, "127.0.0.1")).localAddress().port();
        assertEquals(DialogEnding.FAILED, end(URI.create("udp://127.0.0.1:" + port), engaged()));
        assertEquals(OpenSipsDialogs.ATTEMPTS, requests.size());
    }

    @Test
    void a_reply_that_is_not_json_counts_as_no_answer() throws Exception {
        DatagramSocket garbled = vertx.createDatagramSocket();
        garbled.handler(packet -> {
            requests.add(packet.data().toJsonObject());
            garbled.send(Buffer.buffer("200 OK\n"), packet.sender().port(), packet.sender().host());
        });
        int port = await(garbled.listen(0, "127.0.0.1")).localAddress().port();
        assertEquals(DialogEnding.FAILED, end(URI.create("udp://127.0.0.1:" + port), engaged()));
        assertEquals(OpenSipsDialogs.ATTEMPTS, requests.size());
    }
}
