package org.mediarelay.control.ng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.accounting.Accounting;
import org.mediarelay.control.config.HostPort;
import org.mediarelay.dispatcher.Dispatcher;
import org.mediarelay.dispatcher.RelayNodes;
import org.mediarelay.dispatcher.session.InMemorySessionStore;
import org.mediarelay.node.NodeVerticle;
import org.mediarelay.node.RelayNodeConfig;
import org.mediarelay.node.api.NodeClient;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.sdp.Vectors;

/** The ng protocol over real UDP, in front of a real dispatcher, node and CDR journal. */
@ExtendWith(VertxExtension.class)
class NgUdpVerticleTest {

    private static final byte[] BLINK = Vectors.read("blink-plain-offer.sdp").getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path data;

    private Accounting accounting;
    private InetSocketAddress ng;
    private NgClient client;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        RelayNodeConfig node = new RelayNodeConfig("n1", InetAddress.getLoopbackAddress(), "127.0.0.1",
                TestPorts.block(16), 1, Duration.ofSeconds(5));
        await(vertx.deployVerticle(new NodeVerticle(node, new SplittableRandom())));
        accounting = Accounting.open(vertx, data.resolve("cdr"));
        Dispatcher dispatcher = new Dispatcher(RelayNodes.single(new NodeClient(vertx.eventBus(), "n1", Duration.ofSeconds(5))),
                new InMemorySessionStore(), accounting, Clock.systemUTC(), new SplittableRandom());
        NgUdpVerticle verticle = new NgUdpVerticle(HostPort.parse("127.0.0.1:0"), new NgHandler(dispatcher));
        await(vertx.deployVerticle(verticle));
        ng = new InetSocketAddress(InetAddress.getLoopbackAddress(), verticle.localAddress().port());
        client = new NgClient(ng, Duration.ofSeconds(2), 1);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        await(accounting.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Map<String, Object> request(Object... kv) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1] instanceof String s ? s.getBytes(StandardCharsets.ISO_8859_1) : kv[i + 1]);
        }
        return client.request(m).orElseThrow(() -> new AssertionError("no reply"));
    }

    private static String text(Map<String, Object> reply, String key) {
        return new String((byte[]) reply.get(key), StandardCharsets.ISO_8859_1);
    }

    /** Sends raw bytes from a fresh socket; returns the reply and where it came from, or null after 2 s. */
    private DatagramPacket raw(byte[] message, int waitMs) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            s.send(new DatagramPacket(message, message.length, ng));
            s.setSoTimeout(waitMs);
            DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
            try {
                s.receive(p);
                return p;
            } catch (SocketTimeoutException e) {
                return null;
            }
        }
    }

    @Test
    void ping_is_answered_pong_from_the_socket_the_request_arrived_on_with_the_cookie_echoed() throws Exception {
        DatagramPacket reply = raw("5323_1 d7:command4:pinge".getBytes(StandardCharsets.US_ASCII), 2000);
        assertEquals("5323_1 d6:result4:ponge", new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII));
        assertEquals(ng, reply.getSocketAddress());
    }

    @Test
    void offer_answer_and_delete_relay_the_call_and_write_its_cdr() throws Exception {
        byte[] offer = Arrays.copyOf(BLINK, BLINK.length);
        Map<String, Object> o = request("command", "offer", "call-id", "ng-1", "from-tag", "alice", "sdp", offer,
                "received from", java.util.List.of("IP4".getBytes(), "127.0.0.1".getBytes()));
        assertEquals("ok", text(o, "result"));
        assertTrue(text(o, "sdp").contains("c=IN IP4 127.0.0.1\r\n"), text(o, "sdp"));
        String answerSdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=\u00e9t\u00e9\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
        Map<String, Object> a = request("command", "answer", "call-id", "ng-1", "from-tag", "alice", "to-tag", "bob",
                "sdp", answerSdp);
        assertEquals("ok", text(a, "result"));
        assertTrue(text(a, "sdp").contains("s=\u00e9t\u00e9\r\n"), "bytes above 0x7f pass unchanged");
        assertEquals(Map.of("result", "ok"), Map.of("result", text(request("command", "delete", "call-id", "ng-1",
                "from-tag", "alice"), "result")));
        Path cdrFile = data.resolve("cdr").resolve("cdr-" + LocalDate.now(ZoneOffset.UTC) + ".jsonl");
        assertEquals(1, Files.readAllLines(cdrFile).size());

        Map<String, Object> again = request("command", "delete", "call-id", "ng-1", "from-tag", "alice");
        assertEquals("ok", text(again, "result"));
        assertEquals("Call-ID not found or tags didn't match", text(again, "warning"));
    }

    @Test
    void the_ice_key_picks_the_ice_mode_and_replace_hides_the_origin_with_a_warning_for_what_is_not_done()
            throws Exception {
        String ice = Vectors.read("sipsimple-ice-offer.sdp");
        Map<String, Object> relayed = request("command", "offer", "call-id", "ng-2", "from-tag", "alice", "sdp", ice);
        assertTrue(text(relayed, "sdp").contains(" typ relay raddr 127.0.0.1 "), text(relayed, "sdp"));
        assertFalse(relayed.containsKey("warning"));

        Map<String, Object> removed = request("command", "offer", "call-id", "ng-3", "from-tag", "alice", "sdp", ice,
                "ICE", "remove", "replace", List.of("origin".getBytes(), "session-name".getBytes(), "bogus".getBytes()));
        String sdp = text(removed, "sdp");
        assertFalse(sdp.contains("a=candidate") || sdp.contains("a=ice-"), sdp);
        assertTrue(sdp.startsWith("v=0\r\no=- 3484393780 3484393780 IN IP4 127.0.0.1\r\ns=mediarelay\r\n"), sdp);
        assertEquals("unknown replace value 'bogus' ignored", text(removed, "warning"));

        Map<String, Object> forced = request("command", "offer", "call-id", "ng-4", "from-tag", "alice", "sdp", ice,
                "ICE", "force");
        assertTrue(text(forced, "sdp").contains(" typ relay "), text(forced, "sdp"));
        assertEquals("ICE=force (the relay as an ICE agent) is not supported: relay candidates added",
                text(forced, "warning"));
    }

    @Test
    void each_malformed_request_gets_an_error_reply_that_says_why() throws Exception {
        assertEquals("invalid bencode: truncated: expected 'e' at offset 19", // offsets count from the datagram's first byte
                text(bencodeReply("c1 d7:command4:ping"), "error-reason"));
        assertEquals("missing key 'call-id'", text(request("command", "offer", "from-tag", "a", "sdp", "v=0\r\n"), "error-reason"));
        assertEquals("missing key 'to-tag'",
                text(request("command", "answer", "call-id", "x", "from-tag", "a", "sdp", "v=0\r\n"), "error-reason"));
        assertEquals("Unrecognized command 'explode'", text(request("command", "explode"), "error-reason"));
        assertEquals("key 'call-id' must be a string", text(request("command", "offer", "call-id", 5L), "error-reason"));
        assertEquals("invalid m= line 2: 'm=audio x RTP/AVP 0' (expected: m=<media> <port> <proto> <fmt>...)",
                text(request("command", "offer", "call-id", "x", "from-tag", "a", "sdp", "v=0\r\nm=audio x RTP/AVP 0\r\n"),
                        "error-reason"));
        assertEquals("no offer seen for call-id 'y'", text(request("command", "answer", "call-id", "y", "from-tag", "a",
                "to-tag", "b", "sdp", "v=0\r\n"), "error-reason"));
        assertEquals("error", text(request("command", "offer", "call-id", "z", "from-tag", "a", "sdp", "v=0\r\n",
                "received-from", java.util.List.of("IP5".getBytes(), "x".getBytes())), "result"));
    }

    @Test
    void a_datagram_without_cookie_gets_no_reply_and_the_next_request_is_served() throws Exception {
        assertEquals(null, raw("d7:command4:pinge".getBytes(StandardCharsets.US_ASCII), 300));
        assertEquals("pong", text(request("command", "ping"), "result"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> bencodeReply(String message) throws Exception {
        DatagramPacket p = raw(message.getBytes(StandardCharsets.ISO_8859_1), 2000);
        byte[] data = Arrays.copyOf(p.getData(), p.getLength());
        byte[] cookie = NgFrame.cookie(data).orElseThrow();
        assertArrayEquals(message.substring(0, message.indexOf(' ')).getBytes(StandardCharsets.US_ASCII), cookie);
        return (Map<String, Object>) Bencode.decode(data, cookie.length + 1);
    }
}
