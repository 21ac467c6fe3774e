package org.mediarelay.control.mediaproxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.control.DispatcherFixture;
import org.mediarelay.control.access.Cidr;
import org.mediarelay.control.access.SourceAllowList;
import org.mediarelay.control.config.HostPort;
import org.mediarelay.control.metrics.ControlMetrics;
import org.mediarelay.node.testing.UdpPeer;

/**
 * The messages OpenSIPS' {@code mediaproxy} module writes, byte for byte (CRLF lines, empty headers, the media list),
 * over a real UNIX socket to a real dispatcher and relay node; media then flows through the ports the replies gave.
 */
@ExtendWith(VertxExtension.class)
class MediaProxyProtocolTest {

    @TempDir
    Path data;

    private DispatcherFixture core;
    private OpenSipsWorker opensips;
    private final UdpPeer caller = new UdpPeer();
    private final UdpPeer callee = new UdpPeer();

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        core = DispatcherFixture.start(vertx, data, 16);
        Path socket = data.resolve("dispatcher.sock");
        DispatcherFixture.await(vertx.deployVerticle(new MediaProxyVerticle(Optional.of(socket),
                Optional.of(HostPort.parse("127.0.0.1:0")), new MpHandler(core.dispatcher, Clock.systemUTC(),
                new ControlMetrics()), new SourceAllowList(List.of(Cidr.parse("127.0.0.0/8"))))));
        opensips = new OpenSipsWorker(socket);
    }

    @AfterEach
    void stop() throws Exception {
        opensips.close();
        caller.close();
        callee.close();
        core.stop();
    }

    private String send(String request) throws Exception {
        return opensips.send(request);
    }

    /**
     * An update as OpenSIPS writes it: From and To are the SIP message's, so a re-INVITE from the callee (from tag
     * 99xk2) has Bob in From; user_agent is the sender's (Alice's Blink for her requests, Bob's Linphone otherwise).
     */
    private String update(String type, int cseq, String fromTag, String toTag, String media) {
        boolean fromAlice = !fromTag.equals("99xk2");
        boolean aliceSends = fromAlice == type.equals("request");
        return "update\r\n"
                + "type: " + type + "\r\n"
                + "dialog_id: 5471788335113\r\n"
                + "call_id: 3c26e5a8b7@192.0.2.10\r\n"
                + "cseq: " + cseq + "\r\n"
                + "from_uri: " + (fromAlice ? "alice@example.com" : "bob@example.com") + "\r\n"
                + "to_uri: " + (fromAlice ? "bob@example.com" : "alice@example.com") + "\r\n"
                + "from_tag: " + fromTag + "\r\n"
                + "to_tag: " + toTag + "\r\n"
                + "user_agent: " + (aliceSends ? "Blink Pro 5.0" : "Linphone 5.2") + "\r\n"
                + "signaling_ip: 127.0.0.1\r\n"
                + "media_relay: \r\n"
                + "media: " + media + "\r\n"
                + "\r\n";
    }

    private static int[] ports(String reply) {
        String[] f = reply.split(" ");
        assertEquals("127.0.0.1", f[0], reply);
        int[] p = new int[f.length - 1];
        for (int i = 1; i < f.length; i++) {
            p[i - 1] = Integer.parseInt(f[i]);
        }
        return p;
    }

    @Test
    void offer_and_answer_get_the_relay_ports_facing_the_other_side_and_media_flows_through_them() throws Exception {
        String offerMedia = "audio:127.0.0.1:" + caller.port() + ":sendrecv:ice=no,video:127.0.0.1:0:sendrecv:ice=no";
        int[] toCallee = ports(send(update("request", 1, "8a7sd6f", "", offerMedia)));
        assertEquals(2, toCallee.length);
        assertTrue(toCallee[0] > 0, "audio relayed");
        assertEquals(0, toCallee[1], "a disabled stream gets port 0");

        String ringing = send(update("reply", 1, "8a7sd6f", "", "audio:127.0.0.1:" + callee.port() + ":sendrecv:ice=no"));
        int[] toCaller = ports(send(update("reply", 1, "8a7sd6f", "99xk2",
                "audio:127.0.0.1:" + callee.port() + ":sendrecv:ice=no,video:127.0.0.1:0:sendrecv:ice=no")));
        assertArrayEquals(ports(ringing), new int[] {toCaller[0]}, "the 183 and the 200 get the same ports");
        assertNotEquals(toCallee[0], toCaller[0], "each side has its own relay port");

        byte[] rtp = UdpPeer.rtp(1, 0x1234);
        caller.send(rtp, new InetSocketAddress("127.0.0.1", toCaller[0]));
        assertArrayEquals(rtp, callee.receive().orElseThrow().payload());
        byte[] back = UdpPeer.rtp(7, 0x5678);
        callee.send(back, new InetSocketAddress("127.0.0.1", toCallee[0]));
        UdpPeer.Received r = caller.receive().orElseThrow();
        assertArrayEquals(back, r.payload());
        assertEquals(toCaller[0], r.from().getPort(), "sent from the port advertised to the caller");

        int[] reinvite = ports(send(update("request", 2, "99xk2", "8a7sd6f",
                "audio:127.0.0.1:" + callee.port() + ":sendonly:ice=no,video:127.0.0.1:0:sendrecv:ice=no")));
        assertEquals(toCaller[0], reinvite[0], "a re-INVITE from the callee keeps the ports facing the caller");

        assertEquals("removed", send("remove\r\ncall_id: 3c26e5a8b7@192.0.2.10\r\nfrom_tag: 8a7sd6f\r\n"
                + "to_tag: 99xk2\r\n\r\n"));
        assertEquals("error", send("remove\r\ncall_id: 3c26e5a8b7@192.0.2.10\r\nfrom_tag: 8a7sd6f\r\n\r\n"));

        List<String> cdrs;
        try (var files = Files.list(data.resolve("cdr"))) {
            cdrs = Files.readAllLines(files.findFirst().orElseThrow());
        }
        JsonObject cdr = new JsonObject(cdrs.get(0));
        assertEquals(new JsonObject().put("caller", "alice@example.com").put("callee", "bob@example.com"),
                cdr.getJsonObject("uris"), "each party's URI, whoever sent the message");
        assertEquals(new JsonObject().put("caller", "Blink Pro 5.0").put("callee", "Linphone 5.2"),
                cdr.getJsonObject("user_agents"));
    }

    @Test
    void management_commands_answer_one_line_of_json_with_the_fields_cdrtool_reads() throws Exception {
        int[] toCallee = ports(send(update("request", 1, "t1", "", "audio:127.0.0.1:" + caller.port()
                + ":sendrecv:ice=no")));
        int[] toCaller = ports(send(update("reply", 1, "t1", "t2", "audio:127.0.0.1:" + callee.port()
                + ":sendrecv:ice=no")));
        caller.send(UdpPeer.rtp(1, 0x1234), new InetSocketAddress("127.0.0.1", toCaller[0]));
        callee.receive().orElseThrow();
        callee.send(UdpPeer.rtp(1, 0x5678), new InetSocketAddress("127.0.0.1", toCallee[0]));
        caller.receive().orElseThrow();

        // The relays, as the cluster knows them (here the one node), each reported by the node itself.
        JsonObject relay = Awaitility.await().atMost(Duration.ofSeconds(10)).until(
                () -> new JsonArray(send("summary\r\n")).getJsonObject(0), r -> r.getInteger("session_count") == 1);
        assertEquals("127.0.0.1", relay.getString("ip"));
        assertEquals("active", relay.getString("status"));
        assertEquals(new JsonObject().put("audio", 1), relay.getJsonObject("stream_count"));
        assertTrue(relay.getLong("uptime") >= 0 && relay.containsKey("bps_relayed"), relay.encode());
        assertTrue(relay.getString("version").startsWith("mediarelay "), relay.encode());

        // The calls, with what each party sent through the relay and where from, as the node counts it now.
        JsonObject session = new JsonArray(send("sessions\r\n")).getJsonObject(0);
        assertEquals("3c26e5a8b7@192.0.2.10", session.getString("call_id"));
        assertEquals("t1", session.getString("from_tag"));
        assertEquals("t2", session.getString("to_tag"));
        assertEquals("alice@example.com", session.getString("from_uri"));
        assertEquals("bob@example.com", session.getString("to_uri"));
        assertEquals("Blink Pro 5.0", session.getString("caller_ua"));
        assertEquals("Linphone 5.2", session.getString("callee_ua"));
        assertTrue(session.getLong("start_time") > 0 && session.getLong("duration") >= 0, session.encode());
        JsonObject stream = session.getJsonArray("streams").getJsonObject(0);
        assertEquals("audio", stream.getString("media_type"));
        assertEquals("active", stream.getString("status"));
        assertEquals(1L, stream.getLong("caller_packets"));
        assertEquals(1L, stream.getLong("callee_packets"));
        assertEquals(UdpPeer.rtp(1, 0x1234).length, stream.getLong("caller_bytes").intValue());
        assertEquals("127.0.0.1:" + toCaller[0], stream.getString("caller_local"), "the relay's port facing the caller");
        assertEquals("127.0.0.1:" + toCallee[0], stream.getString("callee_local"));
        assertEquals("127.0.0.1:" + caller.port(), stream.getString("caller_remote"));
        assertEquals("127.0.0.1:" + callee.port(), stream.getString("callee_remote"));
        assertTrue(new JsonObject(send("version\r\n")).getString("version").startsWith("mediarelay "));
    }

    @Test
    void malformed_requests_get_error_and_the_connection_serves_the_next_one() throws Exception {
        assertEquals("error", send("explode\r\ncall_id: x\r\n\r\n"));
        assertEquals("error", send("update\r\ntype: request\r\nfrom_tag: a\r\n\r\n"), "no call_id");
        assertEquals("error", send(update("request", 1, "a", "", "audio:127.0.0.1:notaport:sendrecv:ice=no")));
        assertEquals("error", send(update("request", 1, "a", "", "audio:example.com:4000:sendrecv:ice=no")));
        assertEquals("error", send(update("sideways", 1, "a", "", "audio:127.0.0.1:4000:sendrecv:ice=no")));
        assertEquals("error", send(update("reply", 1, "a", "b", "audio:127.0.0.1:4000:sendrecv:ice=no")),
                "a reply for a call never offered");
        assertEquals("error", send("update\r\nthis line has no colon\r\n\r\n"));
        assertTrue(ports(send(update("request", 1, "a", "", "audio:127.0.0.1:" + caller.port()
                + ":sendrecv:ice=no")))[0] > 0);
    }
}
