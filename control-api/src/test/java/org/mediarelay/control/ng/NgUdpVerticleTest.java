package org.mediarelay.control.ng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.sdp.Vectors;

/** The ng protocol over real UDP, in front of a real dispatcher, node and CDR journal. */
@ExtendWith(VertxExtension.class)
class NgUdpVerticleTest {

    private static final byte[] BLINK = Vectors.read("blink-plain-offer.sdp").getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path data;

    private NgFixture fixture;
    private InetSocketAddress ng;
    private NgClient client;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        fixture = NgFixture.start(vertx, data);
        ng = fixture.udp;
        client = new NgClient(ng, Duration.ofSeconds(2), 1);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        fixture.stop();
    }

    private Map<String, Object> request(Object... kv) throws Exception {
        return client.request(NgDicts.of(kv)).orElseThrow(() -> new AssertionError("no reply"));
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

    /** A ping datagram of exactly {@code size} bytes: cookie, dictionary, and an unknown key to pad it. */
    private static byte[] paddedPing(String cookie, int size) {
        int overhead = (cookie + " " + "d7:command4:ping3:pad" + ":" + "e").length();
        int padLength = size - overhead;
        padLength -= String.valueOf(padLength).length();
        byte[] m = (cookie + " d7:command4:ping3:pad" + padLength + ":" + "x".repeat(padLength) + "e")
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(size, m.length);
        return m;
    }

    @Test
    void requests_of_any_datagram_size_up_to_the_ipv4_limit_are_read_whole() throws Exception {
        for (int size : new int[] {2048, 2049, 8192, 65_507}) {
            DatagramPacket reply = raw(paddedPing("big" + size, size), 2000);
            assertEquals("big" + size + " d6:result4:ponge",
                    new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII), size + " bytes");
        }
    }

    @Test
    void a_60_kB_offer_gets_its_whole_sdp_back_pointing_at_the_relay() throws Exception {
        // A WebRTC-shaped offer made large by its per-source lines (simulcast and RTX sources announce many).
        StringBuilder sdp = new StringBuilder(String.join("\r\n", "v=0", "o=- 3484383368 3484383368 IN IP4 192.168.99.23",
                "s=-", "c=IN IP4 192.168.99.23", "t=0 0", "m=audio 50076 RTP/AVP 0 8 9 101",
                "a=rtcp:50077 IN IP4 192.168.99.23", "a=rtpmap:101 telephone-event/8000", "a=sendrecv", ""));
        for (int i = 0; sdp.length() < 60_000; i++) {
            sdp.append("a=ssrc:").append(1_000_000 + i).append(" cname:mediarelay-test-").append(i).append("\r\n");
        }
        Map<String, Object> o = request("command", "offer", "call-id", "big-1", "from-tag", "alice", "sdp",
                sdp.toString());
        assertEquals("ok", text(o, "result"));
        List<String> in = List.of(sdp.toString().split("\r\n"));
        List<String> out = List.of(text(o, "sdp").split("\r\n"));
        assertEquals(in.size(), out.size());
        for (int i = 0; i < in.size(); i++) {
            String line = in.get(i);
            if (line.startsWith("c=")) {
                assertEquals("c=IN IP4 127.0.0.1", out.get(i));
            } else if (line.startsWith("m=audio ")) {
                assertTrue(out.get(i).matches("m=audio \\d+ RTP/AVP 0 8 9 101") && !out.get(i).equals(line), out.get(i));
            } else if (line.startsWith("a=rtcp:")) {
                assertTrue(out.get(i).matches("a=rtcp:\\d+ IN IP4 127.0.0.1"), out.get(i));
            } else {
                assertEquals(line, out.get(i), "line " + i + " comes back as sent");
            }
        }
    }

    @Test
    void a_datagram_cut_short_by_its_sender_gets_an_error_and_the_next_request_is_served() throws Exception {
        byte[] whole = ("cut1 " + new String(Bencode.encode(Map.of("command", "offer", "call-id", "cut-1",
                "from-tag", "alice", "sdp", BLINK)), StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Object> reply = bencodeReply(new String(Arrays.copyOf(whole, whole.length - 40),
                StandardCharsets.ISO_8859_1));
        assertEquals("error", text(reply, "result"));
        assertTrue(text(reply, "error-reason").startsWith("invalid bencode: truncated: "), text(reply, "error-reason"));
        assertEquals(0, fixture.dispatcher.sessionCount(), "nothing of the cut request was carried out");
        assertEquals("pong", text(request("command", "ping"), "result"));
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

    @Test
    void a_retransmitted_delete_gets_the_first_reply_and_does_not_run_twice() throws Exception {
        request("command", "offer", "call-id", "rt-1", "from-tag", "alice", "sdp", BLINK);
        byte[] delete = ("rt_1_1 " + new String(Bencode.encode(Map.of("command", "delete", "call-id", "rt-1",
                "from-tag", "alice")), StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            s.setSoTimeout(2000);
            // The retransmission leaves before the first reply is back: it must wait for it, not run again.
            s.send(new DatagramPacket(delete, delete.length, ng));
            s.send(new DatagramPacket(delete, delete.length, ng));
            DatagramPacket first = new DatagramPacket(new byte[65536], 65536);
            s.receive(first);
            DatagramPacket second = new DatagramPacket(new byte[65536], 65536);
            s.receive(second);
            s.send(new DatagramPacket(delete, delete.length, ng));
            DatagramPacket third = new DatagramPacket(new byte[65536], 65536);
            s.receive(third);
            byte[] a = Arrays.copyOf(first.getData(), first.getLength());
            assertArrayEquals(a, Arrays.copyOf(second.getData(), second.getLength()));
            assertArrayEquals(a, Arrays.copyOf(third.getData(), third.getLength()));
            Map<?, ?> reply = (Map<?, ?>) Bencode.decode(a, "rt_1_1 ".length());
            assertFalse(reply.containsKey("warning"), "the call was deleted by the first run, not found by a second");
        }
        assertEquals(1, fixture.dispatcher.totals().endedCalls());
    }

    @Test
    void query_list_and_statistics_describe_the_open_calls() throws Exception {
        request("command", "offer", "call-id", "q-1", "from-tag", "alice", "sdp", BLINK, "label", "caller-leg");
        request("command", "answer", "call-id", "q-1", "from-tag", "alice", "to-tag", "bob", "sdp", BLINK);
        request("command", "offer", "call-id", "q-2", "from-tag", "carol", "sdp", BLINK);

        Map<String, Object> list = request("command", "list");
        assertEquals(List.of("q-1", "q-2"), strings(list.get("calls")));
        assertEquals(List.of("q-1"), strings(request("command", "list", "limit", 1L).get("calls")));

        Map<String, Object> q = request("command", "query", "call-id", "q-1");
        assertEquals("ok", text(q, "result"));
        assertTrue(q.get("created") instanceof Long && q.get("last signal") instanceof Long, q.toString());
        Map<?, ?> totals = (Map<?, ?>) q.get("totals");
        assertEquals(0L, ((Map<?, ?>) totals.get("RTP")).get("packets"));
        assertFalse(q.containsKey("tags"), "UDP replies carry totals, not per-party detail");
        assertEquals("Unknown call-id 'nope'", text(request("command", "query", "call-id", "nope"), "error-reason"));

        Map<String, Object> stats = request("command", "statistics");
        assertEquals(2L, ((Map<?, ?>) stats.get("currentstatistics")).get("sessionstotal"));
        request("command", "delete", "call-id", "q-2", "from-tag", "carol");
        Map<?, ?> total = (Map<?, ?>) request("command", "statistics").get("totalstatistics");
        assertEquals(1L, total.get("managedsessions"));
        assertEquals(1L, total.get("regularterminatedsessions"));
    }

    @Test
    void a_list_too_long_for_one_datagram_is_trimmed_with_a_warning() throws Exception {
        for (int i = 0; i < 8; i++) {
            request("command", "offer", "call-id", i + "-" + "x".repeat(250), "from-tag", "a", "sdp", BLINK);
        }
        DatagramPacket p = raw(("big " + new String(Bencode.encode(Map.of("command", "list")),
                StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1), 2000);
        assertTrue(p.getLength() <= NgService.MAX_UDP_REPLY, "reply of " + p.getLength() + " bytes");
        Map<?, ?> reply = (Map<?, ?>) Bencode.decode(Arrays.copyOf(p.getData(), p.getLength()), 4);
        int listed = ((List<?>) reply.get("calls")).size();
        assertTrue(listed > 0 && listed < 8, "listed " + listed);
        assertTrue(new String((byte[]) reply.get("warning"), StandardCharsets.US_ASCII).contains("TCP or HTTP"));
    }

    @Test
    void flags_are_applied_or_warned_about_and_bad_values_are_errors() throws Exception {
        Map<String, Object> o = request("command", "offer", "call-id", "f-1", "from-tag", "a", "sdp", BLINK,
                "received from", List.of("IP4".getBytes(), "127.0.0.7".getBytes()),
                "flags", List.of("SIP source address".getBytes(), "asymmetric".getBytes(), "bogus".getBytes()),
                "rtcp-mux", List.of("offer".getBytes()), "address family", "IP6");
        assertEquals("ok", text(o, "result"));
        assertTrue(text(o, "sdp").contains("a=rtcp-mux\r\n"), "rtcp-mux offered to the callee");
        String warning = text(o, "warning");
        assertTrue(warning.contains("asymmetric RTP is not supported"), warning);
        assertTrue(warning.contains("unknown flag 'bogus' ignored"), warning);
        assertTrue(warning.contains("address family IP6 not available"), warning);
        assertEquals("key 'media-address' is not an IP address: 'here'", text(request("command", "offer", "call-id",
                "f-2", "from-tag", "a", "sdp", BLINK, "media address", "here"), "error-reason"));
        assertEquals("key 'address-family' must be IP4 or IP6, not 'IPX'", text(request("command", "offer",
                "call-id", "f-3", "from-tag", "a", "sdp", BLINK, "address family", "IPX"), "error-reason"));
        assertEquals("Call-ID not found or tags didn't match", text(request("command", "delete", "call-id", "f-9",
                "from-tag", "a", "flags", List.of("fatal".getBytes())), "error-reason"));
    }

    @Test
    void a_delete_flagged_to_tag_ends_only_that_branch() throws Exception {
        request("command", "offer", "call-id", "br-1", "from-tag", "alice", "sdp", BLINK);
        request("command", "answer", "call-id", "br-1", "from-tag", "alice", "to-tag", "fork-1", "sdp", BLINK);
        Map<String, Object> gone = request("command", "delete", "call-id", "br-1", "from-tag", "alice",
                "to-tag", "fork-1", "flags", List.of("to-tag".getBytes()));
        assertEquals("ok", text(gone, "result"));
        assertEquals(1, fixture.dispatcher.sessionCount(), "the call waits for another branch");
        assertEquals("ok", text(request("command", "delete", "call-id", "br-1", "from-tag", "alice"), "result"));
        assertEquals(0, fixture.dispatcher.sessionCount());
    }

    @Test
    void json_requests_get_json_replies() throws Exception {
        DatagramPacket p = raw("j1 {\"command\":\"ping\"}".getBytes(StandardCharsets.US_ASCII), 2000);
        assertEquals("j1 {\"result\":\"pong\"}", new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
        DatagramPacket bad = raw("j2 {\"command\":\"offer\"".getBytes(StandardCharsets.US_ASCII), 2000);
        assertTrue(new String(bad.getData(), 0, bad.getLength(), StandardCharsets.UTF_8)
                .startsWith("j2 {\"result\":\"error\",\"error-reason\":\"invalid JSON: "));
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(b -> new String((byte[]) b, StandardCharsets.ISO_8859_1)).toList();
    }
}
