package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel path ({@code media.kernel=on}) on a real relay that routes between two networks, each in a namespace of
 * the test's own: a phone on a private network and a carrier on a public one. Once both parties are confirmed the
 * kernel forwards their RTP (the relay's namespace forwards IPv4, as a relay host must for this path); what the test
 * reads from the kernel is the relay's own nftables table in the relay's namespace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelPathTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));
    private static final String RELAY_LAN = "10.79.0.1";
    private static final String PHONE = "10.79.0.2";
    private static final String RELAY_WAN = "198.51.100.1";
    private static final String CARRIER = "198.51.100.2";
    private static final String ATTACKER = "198.51.100.66";
    private static final int NG_PORT = 2223;
    private static final long CALLER_SSRC = 0x2A11;
    private static final long CALLEE_SSRC = 0x2B22;
    private static final int RTP_BYTES = 172;

    @TempDir
    static Path work;
    private NetNamespace edge;
    private NetNamespace lan;
    private NetNamespace wan;
    private RelayProcess relay;
    private NsUdpProcess proxySocket;
    private NsNg proxy;

    @BeforeAll
    void start() throws Exception {
        edge = NetNamespace.create("mr-kedge");
        lan = NetNamespace.create("mr-klan");
        wan = NetNamespace.create("mr-kwan");
        edge.link(lan, RELAY_LAN, List.of(PHONE));
        edge.link(wan, RELAY_WAN, List.of(CARRIER, ATTACKER));
        NetNamespace.run(edge.exec(List.of("sysctl", "-qw", "net.ipv4.ip_forward=1")));
        relay = RelayProcess.start(edge.prefix(), ROOT, THIS_JDK, work, List.of(
                "--ng.listen=127.0.0.1:" + NG_PORT, "--http.listen=127.0.0.1:8080",
                "--media.interfaces=lan/" + RELAY_LAN + ",wan/" + RELAY_WAN, "--media.kernel=on",
                "--media.ports=31000-31099", "--media.timeout.no-media=4s", "--data.dir=" + work.resolve("data"),
                "--cluster.name=kernel-" + UUID.randomUUID()));
        relay.awaitReady();
        proxySocket = NsUdpProcess.start(edge, "127.0.0.1", 0);
        proxy = new NsNg(proxySocket, "127.0.0.1", NG_PORT);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {proxySocket, relay, wan, lan, edge}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void the_start_line_says_the_kernel_path_is_on_and_names_its_table() {
        assertTrue(relay.stderrText().contains("kernel path on (nftables table ip mediarelay-" + relay.pid() + "-"),
                relay.logTail(3000));
    }

    @Test
    void rtp_goes_through_the_kernel_both_ways_and_the_cdr_counts_every_packet_exactly() throws Exception {
        int packets = 150;
        try (Call call = Call.start(proxy, lan, PHONE, wan, CARRIER)) {
            call.caller.rtp(RELAY_LAN, call.callerSendsTo, CALLER_SSRC, packets, 20);
            call.callee.rtp(RELAY_WAN, call.calleeSendsTo, CALLEE_SSRC, packets, 20);
            await().atMost(Duration.ofSeconds(30)).until(() -> heard(call.callee, CALLER_SSRC) == packets
                    && heard(call.caller, CALLEE_SSRC) == packets);
            JsonArray counters = counters();
            assertEquals(2, counters.size(), "one route each way: " + counters);
            call.delete();
            // Each party heard the other from the very address and port it sends to, though userspace sent few.
            assertTrue(call.callee.received().stream().filter(r -> r.ssrc() == CALLER_SSRC)
                    .allMatch(r -> r.host().equals(RELAY_WAN) && r.port() == call.calleeSendsTo));
            assertTrue(call.caller.received().stream().filter(r -> r.ssrc() == CALLEE_SSRC)
                    .allMatch(r -> r.host().equals(RELAY_LAN) && r.port() == call.callerSendsTo));
            JsonObject stream = CdrFiles.of(work.resolve("data"), call.callId).getJsonArray("streams")
                    .getJsonObject(0);
            for (String party : List.of("caller", "callee")) {
                JsonObject p = stream.getJsonObject(party);
                assertEquals(packets, p.getJsonObject("rtp").getLong("packets"), party + ": " + p.encode());
                assertEquals((long) packets * RTP_BYTES, p.getJsonObject("rtp").getLong("bytes"), p.encode());
                long kernel = p.getJsonObject("kernel_rtp").getLong("packets");
                assertTrue(kernel >= packets - 20 && kernel < packets, party + " through the kernel: " + kernel);
                assertEquals(kernel * RTP_BYTES, p.getJsonObject("kernel_rtp").getLong("bytes"), p.encode());
            }
        }
        assertEquals(0, counters().size(), "the routes left with the call");
    }

    @Test
    void an_rtp_bleed_spray_while_the_kernel_forwards_leaks_nothing_and_injects_nothing() throws Exception {
        int packets = 150;
        long attackSsrc = 0x66;
        // The attacker's process first: started between the answer and the media, it could take longer than the
        // relay's no-media timeout (4 s here).
        try (NsUdpProcess attacker = NsUdpProcess.start(wan, ATTACKER, 0);
             Call call = Call.start(proxy, lan, PHONE, wan, CARRIER)) {
            call.caller.rtp(RELAY_LAN, call.callerSendsTo, CALLER_SSRC, packets, 20);
            call.callee.rtp(RELAY_WAN, call.calleeSendsTo, CALLEE_SSRC, packets, 20);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonArray counters = counters();
                assertEquals(2, counters.stream().filter(c -> ((JsonObject) c).getLong("packets") > 0).count(),
                        counters.encode() + "\n" + relay.logTail(2000));
            });
            // In the kernel now: the attacker sprays the port the carrier sends to, and every port of the range.
            attacker.rtp(RELAY_WAN, call.calleeSendsTo, attackSsrc, 100, 5);
            for (int port = 31000; port < 31100; port++) {
                attacker.send(RELAY_WAN, port, rtpPacket(attackSsrc));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> heard(call.callee, CALLER_SSRC) == packets
                    && heard(call.caller, CALLEE_SSRC) == packets);
            call.delete();
            assertEquals(List.of(), attacker.received(), "nothing leaked to the attacker");
            assertEquals(0, call.caller.received().stream().filter(r -> r.ssrc() == attackSsrc).count(),
                    "nothing injected toward the phone");
            JsonObject callee = CdrFiles.of(work.resolve("data"), call.callId).getJsonArray("streams")
                    .getJsonObject(0).getJsonObject("callee");
            assertTrue(callee.getJsonObject("drops").getLong("strict-source", 0L) >= 100, callee.encode());
            assertEquals(packets, callee.getJsonObject("rtp").getLong("packets"), callee.encode());
            assertTrue(callee.getJsonObject("kernel_rtp").getLong("packets") > 0, callee.encode());
        }
    }

    @Test
    void a_nat_rebinding_while_the_kernel_forwards_moves_the_route_to_the_new_source() throws Exception {
        try (Call call = Call.start(proxy, lan, PHONE, wan, CARRIER)) {
            call.callee.rtp(RELAY_WAN, call.calleeSendsTo, CALLEE_SSRC, 500, 20);
            call.caller.rtp(RELAY_LAN, call.callerSendsTo, CALLER_SSRC, 50, 20);
            await().atMost(Duration.ofSeconds(20)).until(() -> heard(call.callee, CALLER_SSRC) == 50);
            // The phone's NAT gives it a new port: the same stream (SSRC) goes on from there.
            try (NsUdpProcess rebound = NsUdpProcess.start(lan, PHONE, 0)) {
                rebound.rtp(RELAY_LAN, call.callerSendsTo, CALLER_SSRC, 250, 20);
                await().atMost(Duration.ofSeconds(30)).until(() -> heard(rebound, CALLEE_SSRC) >= 50);
                long heardBefore = heard(call.callee, CALLER_SSRC);
                await().atMost(Duration.ofSeconds(30)).until(() -> heard(call.callee, CALLER_SSRC) > heardBefore + 50);
                call.delete();
                JsonObject caller = CdrFiles.of(work.resolve("data"), call.callId).getJsonArray("streams")
                        .getJsonObject(0).getJsonObject("caller");
                assertEquals(1, caller.getInteger("relatches"), caller.encode());
                assertEquals(PHONE + ":" + rebound.port(), caller.getString("latched_rtp"));
                // Through the kernel after the rebinding too: more than the first source ever sent.
                assertTrue(caller.getJsonObject("kernel_rtp").getLong("packets") > 50, caller.encode());
                assertEquals(heard(call.callee, CALLER_SSRC), caller.getJsonObject("rtp").getLong("packets"));
                assertTrue(rebound.received().stream().filter(r -> r.ssrc() == CALLEE_SSRC)
                        .allMatch(r -> r.host().equals(RELAY_LAN) && r.port() == call.callerSendsTo));
            }
        }
    }

    private static byte[] rtpPacket(long ssrc) {
        byte[] p = new byte[RTP_BYTES];
        p[0] = (byte) 0x80;
        p[8] = (byte) (ssrc >> 24);
        p[9] = (byte) (ssrc >> 16);
        p[10] = (byte) (ssrc >> 8);
        p[11] = (byte) ssrc;
        return p;
    }

    @Test
    void a_call_the_kernel_carries_longer_than_the_no_media_timeout_is_not_timed_out() throws Exception {
        int packets = 400;
        try (Call call = Call.start(proxy, lan, PHONE, wan, CARRIER)) {
            call.caller.rtp(RELAY_LAN, call.callerSendsTo, CALLER_SSRC, packets, 20);
            call.callee.rtp(RELAY_WAN, call.calleeSendsTo, CALLEE_SSRC, packets, 20);
            // Eight seconds of media that userspace does not see after the first packets, with a 4-s timeout.
            await().atMost(Duration.ofSeconds(30)).until(() -> heard(call.callee, CALLER_SSRC) == packets
                    && heard(call.caller, CALLEE_SSRC) == packets);
            call.delete();
            JsonObject cdr = CdrFiles.of(work.resolve("data"), call.callId);
            assertEquals("regular", cdr.getString("reason"), cdr.encode());
            JsonObject caller = cdr.getJsonArray("streams").getJsonObject(0).getJsonObject("caller");
            assertEquals(packets, caller.getJsonObject("rtp").getLong("packets"), caller.encode());
            assertTrue(caller.getJsonObject("kernel_rtp").getLong("packets") > packets - 20, caller.encode());
        }
    }

    /** The counts in the relay's table now ({@code {"packets", "bytes"}}), one per route. */
    private JsonArray counters() throws Exception {
        String json = NetNamespace.run(edge.exec(List.of("nft", "-j", "list", "set", "ip", table(), "counted")));
        JsonArray out = new JsonArray();
        new JsonObject(json).getJsonArray("nftables").forEach(o -> {
            JsonObject set = ((JsonObject) o).getJsonObject("set");
            if (set != null) {
                set.getJsonArray("elem", new JsonArray()).forEach(e -> out.add(((JsonObject) e)
                        .getJsonObject("elem").getJsonObject("counter")));
            }
        });
        return out;
    }

    private String table() throws Exception {
        String tables = NetNamespace.run(edge.exec(List.of("nft", "list", "tables", "ip")));
        return tables.lines().map(l -> l.replace("table ip ", "").strip())
                .filter(t -> t.startsWith("mediarelay-" + relay.pid() + "-")).findFirst()
                .orElseThrow(() -> new AssertionError("no table of the relay's in " + tables));
    }

    private static long heard(NsUdpProcess peer, long ssrc) {
        return peer.received().stream().filter(r -> r.ssrc() == ssrc).count();
    }

    /** One answered call between two parties, each a socket in its network; {@link #close} deletes it if needed. */
    private static final class Call implements AutoCloseable {
        final String callId = "kernel-" + UUID.randomUUID();
        final NsNg proxy;
        final NsUdpProcess caller;
        final NsUdpProcess callee;
        /** The relay port each party was told to send to. */
        int callerSendsTo;
        int calleeSendsTo;
        private boolean deleted;

        private Call(NsNg proxy, NsUdpProcess caller, NsUdpProcess callee) {
            this.proxy = proxy;
            this.caller = caller;
            this.callee = callee;
        }

        static Call start(NsNg proxy, NetNamespace callerNet, String callerAt, NetNamespace calleeNet,
                          String calleeAt) throws Exception {
            Call call = new Call(proxy, NsUdpProcess.start(callerNet, callerAt, 0),
                    NsUdpProcess.start(calleeNet, calleeAt, 0));
            Map<String, Object> offer = NsNg.command("offer", call.callId);
            offer.put("sdp", NsNg.audioSdp(callerAt, call.caller.port()));
            offer.put("direction", List.of("lan", "wan"));
            String toCallee = NsNg.sdpOf(proxy.request(offer));
            Map<String, Object> answer = NsNg.command("answer", call.callId);
            answer.put("to-tag", "callee");
            answer.put("sdp", NsNg.audioSdp(calleeAt, call.callee.port()));
            String toCaller = NsNg.sdpOf(proxy.request(answer));
            call.callerSendsTo = NsNg.audioPort(toCaller);
            call.calleeSendsTo = NsNg.audioPort(toCallee);
            return call;
        }

        void delete() {
            assertEquals("ok", NsNg.text(proxy.request(NsNg.command("delete", callId)).get("result")));
            deleted = true;
        }

        @Override
        public void close() {
            if (!deleted) {
                proxy.request(NsNg.command("delete", callId));
            }
            caller.close();
            callee.close();
        }
    }
}
