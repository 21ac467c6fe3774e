package org.mediarelay.control.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.control.DispatcherFixture;
import org.mediarelay.control.config.HostPort;
import org.mediarelay.control.http.HttpVerticle;
import org.mediarelay.control.metrics.ControlMetrics;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.sdp.Vectors;

/** The REST API over real HTTP, in front of a real dispatcher and relay node. */
@ExtendWith(VertxExtension.class)
class RestApiTest {

    private static final String TOKEN = "s3cret-token-0123456789";
    private static final String BLINK = Vectors.read("blink-plain-offer.sdp");

    @TempDir
    Path data;

    private DispatcherFixture core;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private void start(Vertx vertx, List<String> tokens) throws Exception {
        start(vertx, tokens, DispatcherFixture.start(vertx, data, 16));
    }

    private void start(Vertx vertx, List<String> tokens, DispatcherFixture fixture) throws Exception {
        core = fixture;
        RestApi api = new RestApi(core.dispatcher, tokens, new ControlMetrics());
        HttpVerticle verticle = new HttpVerticle(HostPort.parse("127.0.0.1:0"), () -> true,
                core.dispatcher::sessionCount, api::install);
        DispatcherFixture.await(vertx.deployVerticle(verticle));
        port = verticle.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        core.stop();
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, null);
    }

    private static JsonObject problem(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(Problems.CONTENT_TYPE, r.headers().firstValue("content-type").orElseThrow());
        JsonObject p = new JsonObject(r.body());
        assertEquals(code, p.getString("code"));
        assertEquals(Problems.TYPE_BASE + code, p.getString("type"));
        assertEquals(status, p.getInteger("status"));
        return p;
    }

    @Test
    void from_and_to_interface_and_the_address_family_choose_the_relays_address_in_each_sdp(Vertx vertx)
            throws Exception {
        start(vertx, List.of(), DispatcherFixture.start(vertx, data, List.of(
                new MediaInterface("internal", InetAddress.getByName("127.0.0.1"), "127.0.0.1", TestPorts.block(8)),
                new MediaInterface("external", InetAddress.getByName("127.0.0.2"), "127.0.0.2", TestPorts.block(8)),
                new MediaInterface("external", InetAddress.getByName("::1"), "::1", TestPorts.block(8)))));
        String fromIpv4 = "v=0\r\no=- 1 1 IN IP4 127.0.0.11\r\ns=-\r\nc=IN IP4 127.0.0.11\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\n";
        String fromIpv6 = "v=0\r\no=- 1 1 IN IP6 ::1\r\ns=-\r\nc=IN IP6 ::1\r\nt=0 0\r\nm=audio 4002 RTP/AVP 0\r\n";
        HttpResponse<String> offer = send("POST", "/v1/calls/rest-if/offer", new JsonObject().put("from_tag", "alice")
                .put("sdp", fromIpv4).put("from_interface", "internal").put("to_interface", "external")
                .put("address_family", "IP6").encode());
        assertEquals(200, offer.statusCode(), offer.body());
        assertTrue(new JsonObject(offer.body()).getString("sdp").contains("c=IN IP6 ::1\r\n"), offer.body());
        HttpResponse<String> answer = send("POST", "/v1/calls/rest-if/answer", new JsonObject().put("from_tag", "alice")
                .put("to_tag", "bob").put("sdp", fromIpv6).encode());
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(new JsonObject(answer.body()).getString("sdp").contains("c=IN IP4 127.0.0.1\r\n"), answer.body());
        assertEquals(new JsonArray().add("internal/127.0.0.1").add("external/127.0.0.2").add("external/::1"),
                new JsonObject(send("GET", "/v1/nodes", null).body()).getJsonArray("nodes").getJsonObject(0)
                        .getJsonArray("interfaces"));
        problem(send("POST", "/v1/calls/rest-if2/offer", new JsonObject().put("from_tag", "alice").put("sdp", BLINK)
                .put("address_family", "IPX").encode()), 400, "invalid-request");
    }

    @Test
    void a_call_is_offered_answered_read_listed_and_deleted(Vertx vertx) throws Exception {
        start(vertx, List.of());
        HttpResponse<String> offer = send("POST", "/v1/calls/rest-1/offer", new JsonObject().put("from_tag", "alice")
                .put("sdp", BLINK).put("label", "inbound").encode());
        assertEquals(200, offer.statusCode(), offer.body());
        assertTrue(new JsonObject(offer.body()).getString("sdp").contains("c=IN IP4 127.0.0.1\r\n"));
        HttpResponse<String> answer = send("POST", "/v1/calls/rest-1/answer", new JsonObject().put("from_tag", "alice")
                .put("to_tag", "bob").put("sdp", BLINK).encode());
        assertEquals(200, answer.statusCode(), answer.body());

        JsonObject call = new JsonObject(send("GET", "/v1/calls/rest-1", null).body());
        assertEquals("bob", call.getString("to_tag"));
        assertEquals("inbound", call.getJsonObject("labels").getString("caller"));
        assertEquals(1, call.getJsonArray("streams").size());
        JsonArray calls = new JsonObject(send("GET", "/v1/calls", null).body()).getJsonArray("calls");
        assertEquals("rest-1", calls.getJsonObject(0).getString("call_id"));

        JsonObject node = new JsonObject(send("GET", "/v1/nodes", null).body()).getJsonArray("nodes").getJsonObject(0);
        assertEquals("active", node.getString("state"));
        assertEquals(4, node.getInteger("ports_total") - node.getInteger("ports_free"), "two pairs in use");
        assertEquals(1, node.getInteger("streams"));

        HttpResponse<String> deleted = send("DELETE", "/v1/calls/rest-1?from_tag=alice", null);
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals("regular", new JsonObject(deleted.body()).getString("reason"));
        problem(send("DELETE", "/v1/calls/rest-1?from_tag=alice", null), 404, "unknown-call");
        JsonObject stats = new JsonObject(send("GET", "/v1/statistics", null).body());
        assertEquals(1L, stats.getJsonObject("calls_ended").getLong("regular"));

        assertEquals(200, send("POST", "/v1/calls/rest-2/offer", new JsonObject().put("from_tag", "alice")
                .put("sdp", BLINK).encode()).statusCode());
        HttpResponse<String> forced = send("DELETE", "/v1/calls/rest-2?from_tag=alice&force=true", null);
        assertEquals(200, forced.statusCode(), forced.body());
        assertEquals("forced", new JsonObject(forced.body()).getString("reason"), "an operator's end, in the CDR too");
    }

    @Test
    void each_bad_request_is_a_problem_with_a_stable_code(Vertx vertx) throws Exception {
        start(vertx, List.of());
        problem(send("POST", "/v1/calls/x/offer", "{not json"), 400, "invalid-request");
        problem(send("POST", "/v1/calls/x/offer", "{\"sdp\":\"v=0\\r\\n\"}"), 400, "invalid-request");
        problem(send("POST", "/v1/calls/x/offer", "{\"from_tag\":\"a\",\"sdp\":\"v=0\\r\\n\",\"ice\":\"sideways\"}"),
                400, "invalid-request");
        JsonObject bad = problem(send("POST", "/v1/calls/x/offer", new JsonObject().put("from_tag", "a")
                .put("sdp", "v=0\r\nm=audio x RTP/AVP 0\r\n").encode()), 422, "bad-sdp");
        assertTrue(bad.getString("detail").contains("m= line 2"), bad.encode());
        problem(send("POST", "/v1/calls/y/answer", new JsonObject().put("from_tag", "a").put("to_tag", "b")
                .put("sdp", BLINK).encode()), 404, "unknown-call");
        problem(send("GET", "/v1/calls/nope", null), 404, "unknown-call");
        problem(send("DELETE", "/v1/calls/nope", null), 400, "invalid-request");
        problem(send("DELETE", "/v1/calls/nope?from_tag=a&force=maybe", null), 400, "invalid-request");
        problem(send("GET", "/v1/frobnicate", null), 404, "not-found");
        problem(send("POST", "/v1/nodes/ghost/drain", null), 404, "unknown-node");
    }

    @Test
    void a_drained_node_takes_no_new_calls_and_keeps_its_open_ones(Vertx vertx) throws Exception {
        start(vertx, List.of());
        assertEquals(200, send("POST", "/v1/calls/d-1/offer", new JsonObject().put("from_tag", "a").put("sdp", BLINK)
                .encode()).statusCode());
        String id = new JsonObject(send("GET", "/v1/nodes", null).body()).getJsonArray("nodes").getJsonObject(0)
                .getString("id");
        assertEquals(202, send("POST", "/v1/nodes/" + id + "/drain", null).statusCode());
        assertEquals("draining", new JsonObject(send("GET", "/v1/nodes", null).body()).getJsonArray("nodes")
                .getJsonObject(0).getString("state"));
        problem(send("POST", "/v1/calls/d-2/offer", new JsonObject().put("from_tag", "a").put("sdp", BLINK).encode()),
                503, "no-node");
        assertEquals(200, send("POST", "/v1/calls/d-1/answer", new JsonObject().put("from_tag", "a")
                .put("to_tag", "b").put("sdp", BLINK).encode()).statusCode(), "the open call goes on");
    }

    @Test
    void with_tokens_configured_v1_needs_a_valid_bearer_token_and_the_document_does_not(Vertx vertx)
            throws Exception {
        start(vertx, List.of(TOKEN));
        HttpResponse<String> none = send("GET", "/v1/calls", null);
        problem(none, 401, "unauthorized");
        assertEquals("Bearer realm=\"mediarelay\"", none.headers().firstValue("WWW-Authenticate").orElseThrow());
        problem(send("GET", "/v1/calls", null, "wrong-token-0123456789"), 401, "unauthorized");
        assertEquals(200, send("GET", "/v1/calls", null, TOKEN).statusCode());
        HttpResponse<String> doc = send("GET", "/openapi.json", null);
        assertEquals(200, doc.statusCode());
        JsonObject openapi = new JsonObject(doc.body());
        assertEquals("3.1.0", openapi.getString("openapi"));
        for (String path : List.of("/v1/calls/{callId}/offer", "/v1/calls/{callId}/answer", "/v1/calls/{callId}",
                "/v1/calls", "/v1/nodes", "/v1/nodes/{nodeId}/drain", "/v1/statistics", "/v1/live")) {
            assertTrue(openapi.getJsonObject("paths").containsKey(path), path + " documented");
        }
    }
}
