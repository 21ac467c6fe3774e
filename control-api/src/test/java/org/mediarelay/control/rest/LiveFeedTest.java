package org.mediarelay.control.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.control.DispatcherFixture;
import org.mediarelay.control.config.HostPort;
import org.mediarelay.control.http.HttpVerticle;
import org.mediarelay.control.metrics.ControlMetrics;
import org.mediarelay.control.web.WebPage;
import org.mediarelay.node.testing.UdpPeer;

/**
 * {@code GET /v1/live} (server-sent events) and the page at {@code GET /} over real HTTP, in front of a real dispatcher
 * and relay node. What the page draws from the feed is tested in a real browser (tests/WebPageChromiumTest).
 */
@ExtendWith(VertxExtension.class)
class LiveFeedTest {

    private static final String TOKEN = "live-token-0123456789";

    @TempDir
    Path data;

    private DispatcherFixture core;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private void start(Vertx vertx, List<String> tokens) throws Exception {
        core = DispatcherFixture.start(vertx, data, 16);
        RestApi api = new RestApi(core.dispatcher, tokens, new ControlMetrics());
        HttpVerticle verticle = new HttpVerticle(HostPort.parse("127.0.0.1:0"), () -> true,
                core.dispatcher::sessionCount, router -> {
                    api.install(router);
                    WebPage.install(router);
                });
        DispatcherFixture.await(vertx.deployVerticle(verticle));
        port = verticle.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        core.stop();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> post(String path, JsonObject body) throws Exception {
        return http.send(request(path).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The feed's events as a live sequence: each {@code next()} waits for the relay's next snapshot. */
    private static final class Feed implements AutoCloseable {
        private final Stream<String> lines;
        private final Iterator<String> it;

        Feed(HttpResponse<Stream<String>> response) {
            this.lines = response.body();
            this.it = lines.iterator();
        }

        JsonObject next() {
            String event = null;
            while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    assertEquals("snapshot", event, "every event is a snapshot");
                    return new JsonObject(line.substring(6));
                }
            }
            throw new AssertionError("the feed ended");
        }

        /** Snapshots until one matches; the feed sends one a second, so a bound in time is a bound in count. */
        JsonObject until(Predicate<JsonObject> wanted, String what) {
            Instant end = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(end)) {
                JsonObject s = next();
                if (wanted.test(s)) {
                    return s;
                }
            }
            throw new AssertionError("no snapshot within 60 s where " + what);
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    private Feed follow(String query) throws Exception {
        HttpResponse<Stream<String>> r = http.send(request("/v1/live" + query)
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("content-type").orElseThrow());
        return new Feed(r);
    }

    private static String sdp(int port) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port
                + " RTP/AVP 0\r\n";
    }

    private static int port(String sdp) {
        int m = sdp.indexOf("m=audio ") + "m=audio ".length();
        return Integer.parseInt(sdp.substring(m, sdp.indexOf(' ', m)));
    }

    private static JsonObject onlyCall(JsonObject snapshot) {
        JsonArray calls = snapshot.getJsonArray("calls");
        return calls.isEmpty() ? new JsonObject() : calls.getJsonObject(0);
    }

    private static String firstPath(JsonObject call) {
        JsonArray streams = call.getJsonArray("streams", new JsonArray());
        return streams.isEmpty() ? "" : streams.getJsonObject(0).getString("path");
    }

    @Test
    void the_feed_shows_nodes_totals_and_each_call_with_its_streams_counters_and_path_as_media_starts(Vertx vertx)
            throws Exception {
        start(vertx, List.of(TOKEN));
        try (UdpPeer alice = new UdpPeer(); UdpPeer bob = new UdpPeer(); Feed feed = follow("")) {
            JsonObject first = feed.next();
            assertEquals(0, first.getInteger("total"));
            assertEquals("active", first.getJsonArray("nodes").getJsonObject(0).getString("state"));
            assertEquals(0, first.getJsonObject("statistics").getInteger("sessions"));

            post("/v1/calls/live-1/offer", new JsonObject().put("from_tag", "alice").put("sdp", sdp(alice.port())));
            // The answer as alice gets it names the relay's port facing her: where she sends to reach bob.
            String toAlice = new JsonObject(post("/v1/calls/live-1/answer", new JsonObject().put("from_tag", "alice")
                    .put("to_tag", "bob").put("sdp", sdp(bob.port()))).body()).getString("sdp");
            JsonObject call = onlyCall(feed.until(s -> firstPath(onlyCall(s)).equals("no-media"),
                    "the answered call shows with no media yet"));
            assertEquals("live-1", call.getString("call_id"));
            assertEquals("bob", call.getString("to_tag"));

            InetSocketAddress relayToBob = new InetSocketAddress(InetAddress.getLoopbackAddress(), port(toAlice));
            for (int seq = 1; seq <= 5; seq++) {
                alice.send(UdpPeer.rtp(seq, 0xA11CE), relayToBob);
                assertTrue(bob.receive().isPresent(), "bob hears alice through the relay");
            }
            JsonObject stream = onlyCall(feed.until(s -> firstPath(onlyCall(s)).equals("one-way"),
                    "media from alice only is one-way")).getJsonArray("streams").getJsonObject(0);
            assertEquals(5, stream.getJsonObject("from-caller").getJsonObject("rtp").getLong("packets"));
            assertEquals(alice.port(), stream.getJsonObject("from-caller").getJsonObject("latched-rtp")
                    .getInteger("port"), "the latched source");
            assertEquals(0, stream.getJsonObject("from-callee").getJsonObject("rtp").getLong("packets"));
        }
    }

    @Test
    void a_feed_for_one_call_shows_that_call_and_then_null_once_it_ended(Vertx vertx) throws Exception {
        start(vertx, List.of(TOKEN));
        try (UdpPeer alice = new UdpPeer()) {
            post("/v1/calls/live-2/offer", new JsonObject().put("from_tag", "alice").put("sdp", sdp(alice.port())));
            try (Feed feed = follow("?call=live-2")) {
                JsonObject call = feed.next().getJsonObject("call");
                assertEquals("live-2", call.getString("call_id"));
                assertEquals(1, call.getJsonArray("streams").size());
                http.send(request("/v1/calls/live-2?from_tag=alice").header("Authorization", "Bearer " + TOKEN)
                        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
                feed.until(s -> s.containsKey("call") && s.getValue("call") == null, "the ended call is null");
            }
        }
    }

    @Test
    void the_feed_needs_the_token_and_refuses_a_bad_limit_while_the_page_itself_needs_none(Vertx vertx)
            throws Exception {
        start(vertx, List.of(TOKEN));
        assertEquals(401, http.send(request("/v1/live").build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> bad = http.send(request("/v1/live?limit=-1").header("Authorization", "Bearer " + TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("limit must be a whole number from 0 to 500"), bad.body());

        HttpResponse<String> page = http.send(request("/").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"/ui/app.js\""), "the page loads its script");
        assertTrue(page.headers().firstValue("content-security-policy").orElseThrow().contains("default-src 'self'"),
                "nothing from elsewhere");
        for (String asset : List.of("/ui/app.js", "/ui/app.css")) {
            HttpResponse<String> r = http.send(request(asset).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), asset);
            assertTrue(r.body().length() > 100, asset + " has its content");
        }
    }
}
