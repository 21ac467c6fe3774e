package org.mediarelay.control.ng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.sdp.Vectors;

/** ng over TCP and HTTP, the load limit and the source allow-list, against a real node and dispatcher. */
@ExtendWith(VertxExtension.class)
class NgTcpAndHttpTest {

    private static final String BLINK = Vectors.read("blink-plain-offer.sdp");

    @TempDir
    Path data;

    private static byte[] message(String cookie, Map<String, Object> dict) {
        return NgFrame.frame(cookie.getBytes(StandardCharsets.US_ASCII), Bencode.encode(dict));
    }

    /** Reads one complete message (cookie, space, bencoded dictionary) from the stream. */
    private static Map<?, ?> readReply(InputStream in, String cookie) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed after " + got);
            }
            got.write(b);
            byte[] sofar = got.toByteArray();
            int start = cookie.length() + 1;
            if (sofar.length > start && Bencode.valueEnd(sofar, start) == sofar.length) {
                assertEquals(cookie + " ", new String(sofar, 0, start, StandardCharsets.ISO_8859_1));
                return (Map<?, ?>) Bencode.decode(sofar, start);
            }
        }
    }

    private static String text(Map<?, ?> m, String key) {
        return new String((byte[]) m.get(key), StandardCharsets.ISO_8859_1);
    }

    @Test
    void tcp_carries_messages_back_to_back_and_split_and_answers_in_order_with_full_statistics(Vertx vertx)
            throws Exception {
        NgFixture f = NgFixture.start(vertx, data);
        try (Socket s = new Socket(f.tcp.getAddress(), f.tcp.getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            burst.writeBytes(message("t1", Map.of("command", "offer", "call-id", "tcp-1", "from-tag", "alice",
                    "sdp", BLINK)));
            burst.writeBytes(message("t2", Map.of("command", "ping")));
            byte[] third = message("t3", Map.of("command", "query", "call-id", "tcp-1"));
            burst.writeBytes(Arrays.copyOf(third, 10));
            out.write(burst.toByteArray());
            out.flush();
            assertTrue(text(readReply(in, "t1"), "sdp").contains("c=IN IP4 127.0.0.1"));
            assertEquals("pong", text(readReply(in, "t2"), "result"));
            out.write(Arrays.copyOfRange(third, 10, third.length));
            out.flush();
            Map<?, ?> query = readReply(in, "t3");
            Map<?, ?> alice = (Map<?, ?>) ((Map<?, ?>) query.get("tags")).get("alice");
            Map<?, ?> media = (Map<?, ?>) ((List<?>) alice.get("medias")).get(0);
            assertEquals("audio", text(media, "type"));
            assertEquals(2, ((List<?>) media.get("streams")).size(), "RTP and RTCP");

            out.write("t4 d7:commandx".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(text(readReply(in, "t4"), "error-reason").startsWith("invalid bencode"));
            assertEquals(-1, in.read(), "a stream that cannot be resynchronised is closed");
        } finally {
            f.stop();
        }
    }

    @Test
    void a_message_over_the_size_limit_gets_an_error_naming_the_limit_and_the_connection_closes(Vertx vertx)
            throws Exception {
        NgFixture f = NgFixture.start(vertx, data);
        try (Socket s = new Socket(f.tcp.getAddress(), f.tcp.getPort())) {
            s.setSoTimeout(5000);
            int size = NgService.MAX_MESSAGE + 1000;
            s.getOutputStream().write(("big d3:sdp" + size + ":").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(new byte[size]);
            s.getOutputStream().flush();
            Map<?, ?> reply = readReply(s.getInputStream(), "big");
            assertEquals("error", text(reply, "result"));
            assertTrue(text(reply, "error-reason").startsWith("message too large: "), text(reply, "error-reason"));
            assertTrue(text(reply, "error-reason").endsWith("at most " + NgService.MAX_MESSAGE));
        } finally {
            f.stop();
        }
    }

    @Test
    void http_ng_takes_a_cookie_and_ng_plain_does_not(Vertx vertx) throws Exception {
        NgFixture f = NgFixture.start(vertx, data);
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> ping = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.httpPort
                    + "/ng")).header("Content-Type", NgHttpRoutes.CONTENT_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofString("h1 d7:command4:pinge")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, ping.statusCode());
            assertEquals(NgHttpRoutes.CONTENT_TYPE, ping.headers().firstValue("content-type").orElseThrow());
            assertEquals("h1 d6:result4:ponge", new String(ping.body(), StandardCharsets.US_ASCII));

            HttpResponse<String> offer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.httpPort
                    + "/ng-plain")).POST(HttpRequest.BodyPublishers.ofString("{\"command\":\"offer\",\"call-id\":"
                    + "\"h-1\",\"from-tag\":\"a\",\"sdp\":\"" + BLINK.replace("\r\n", "\\r\\n") + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(offer.body().startsWith("{\"result\":\"ok\",\"sdp\":\"v=0\\r\\n"), offer.body());
            assertEquals(1, f.dispatcher.sessionCount());
        } finally {
            f.stop();
        }
    }

    @Test
    void a_client_that_asks_to_upgrade_to_cleartext_http2_is_answered_in_http_1_1(Vertx vertx) throws Exception {
        NgFixture f = NgFixture.start(vertx, data);
        try {
            // The JDK's client asks for h2c by default; upgraded exchanges with it sometimes never completed.
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> live = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + f.httpPort + "/health/live")).build(), HttpResponse.BodyHandlers.ofString())
                        .get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(200, live.statusCode());
                assertEquals(HttpClient.Version.HTTP_1_1, live.version());
            }
        } finally {
            f.stop();
        }
    }

    @Test
    void a_full_node_answers_load_limit_to_a_proxy_that_supports_it_and_an_error_otherwise(Vertx vertx)
            throws Exception {
        NgFixture f = NgFixture.start(vertx, data, 2, "127.0.0.0/8");
        try (NgClient client = new NgClient(f.udp, java.time.Duration.ofSeconds(2), 1)) {
            Map<String, Object> first = client.request(Map.of("command", "offer", "call-id", "l-1", "from-tag", "a",
                    "sdp", BLINK)).orElseThrow();
            assertEquals("ok", text(first, "result"));
            Map<String, Object> limited = client.request(Map.of("command", "offer", "call-id", "l-2", "from-tag", "a",
                    "sdp", BLINK, "supports", List.of("load limit"))).orElseThrow();
            assertEquals("load limit", text(limited, "result"));
            Map<String, Object> refused = client.request(Map.of("command", "offer", "call-id", "l-3", "from-tag", "a",
                    "sdp", BLINK)).orElseThrow();
            assertEquals("error", text(refused, "result"));
            assertTrue(text(refused, "error-reason").startsWith("no relay node can take a new call"),
                    text(refused, "error-reason"));
        } finally {
            f.stop();
        }
    }

    @Test
    void a_source_outside_ng_allow_gets_no_answer_on_any_transport_and_is_counted(Vertx vertx) throws Exception {
        NgFixture f = NgFixture.start(vertx, data, 16, "192.0.2.0/24");
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            byte[] ping = message("x1", Map.of("command", "ping"));
            udp.send(new DatagramPacket(ping, ping.length, f.udp));
            udp.setSoTimeout(500);
            DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
            SocketTimeoutException none = null;
            try {
                udp.receive(reply);
            } catch (SocketTimeoutException e) {
                none = e;
            }
            assertTrue(none != null, "no reply to a refused source");
            try (Socket tcp = new Socket(f.tcp.getAddress(), f.tcp.getPort())) {
                tcp.setSoTimeout(5000);
                assertEquals(-1, tcp.getInputStream().read(), "TCP connection closed at once");
            }
            HttpResponse<String> http = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + f.httpPort + "/ng")).POST(
                    HttpRequest.BodyPublishers.ofString("x2 d7:command4:pinge")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, http.statusCode());
            assertEquals(Map.of("ng-udp", 1L, "ng-tcp", 1L, "ng-http", 1L), f.access.refusals());
        } finally {
            f.stop();
        }
    }
}
