package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * A real mediarelay between networks that cannot reach each other, each in a network namespace of the test's own and
 * linked to the relay's by a veth pair: a private IPv4 network ({@code lan}), a public IPv4 network and an IPv6-only
 * network (both on the relay's {@code wan} interface). The relay has {@code --media.interfaces} with an address on
 * each; a proxy (the test, in the relay's namespace) sends ng offers and answers as Kamailio would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNetworksTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));
    private static final String RELAY_LAN = "10.78.0.1";
    private static final String PHONE = "10.78.0.2";
    private static final String RELAY_WAN = "198.51.100.1";
    private static final String CARRIER = "198.51.100.2";
    private static final String RELAY_WAN6 = "fd00:78::1";
    private static final String IPV6_PHONE = "fd00:78::2";
    private static final int NG_PORT = 2223;
    private static final int PACKETS = 50;

    @TempDir
    static Path work;
    private NetNamespace edge;
    private NetNamespace lan;
    private NetNamespace wan;
    private NetNamespace wan6;
    private RelayProcess relay;
    private NsUdpProcess proxySocket;
    private NsNg proxy;

    @BeforeAll
    void start() throws Exception {
        edge = NetNamespace.create("mr-edge");
        lan = NetNamespace.create("mr-lan");
        wan = NetNamespace.create("mr-wan");
        wan6 = NetNamespace.create("mr-wan6");
        edge.link(lan, RELAY_LAN, List.of(PHONE));
        edge.link(wan, RELAY_WAN, List.of(CARRIER));
        edge.link(wan6, RELAY_WAN6, List.of(IPV6_PHONE));
        relay = RelayProcess.start(edge.prefix(), ROOT, THIS_JDK, work, List.of(
                "--ng.listen=127.0.0.1:" + NG_PORT, "--http.listen=127.0.0.1:8080",
                "--media.interfaces=lan/" + RELAY_LAN + ",wan/" + RELAY_WAN + ",wan/" + RELAY_WAN6,
                "--media.ports=30000-30099", "--data.dir=" + work.resolve("data"),
                "--cluster.name=nets-" + UUID.randomUUID()));
        relay.awaitReady();
        proxySocket = NsUdpProcess.start(edge, "127.0.0.1", 0);
        proxy = new NsNg(proxySocket, "127.0.0.1", NG_PORT);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {proxySocket, relay, wan6, wan, lan, edge}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void a_phone_on_the_private_network_and_a_carrier_on_the_public_one_hear_each_other_through_the_relay()
            throws Exception {
        assertFalse(lan.routes(CARRIER), "the private network has no way to the public one but the relay");
        Call call = call(lan, PHONE, wan, CARRIER, Map.of("direction", List.of("lan", "wan")));
        assertTrue(call.toCallee().contains("c=IN IP4 " + RELAY_WAN + "\r\n"), call.toCallee());
        assertTrue(call.toCaller().contains("c=IN IP4 " + RELAY_LAN + "\r\n"), call.toCaller());
        call.assertBothWays(RELAY_LAN, RELAY_WAN);
        JsonObject stream = CdrFiles.of(work.resolve("data"), call.callId()).getJsonArray("streams").getJsonObject(0);
        assertTrue(stream.getJsonObject("caller").getString("latched_rtp").startsWith(PHONE + ":"), stream.encode());
        assertTrue(stream.getJsonObject("callee").getString("latched_rtp").startsWith(CARRIER + ":"), stream.encode());
    }

    @Test
    void an_ipv6_only_phone_calls_an_ipv4_only_phone_when_the_proxy_asks_for_ipv4() throws Exception {
        assertFalse(wan6.routes(PHONE), "the IPv6 network has no IPv4 at all");
        Call call = call(wan6, IPV6_PHONE, lan, PHONE, Map.of("address-family", "IP4"));
        assertTrue(call.toCallee().contains("c=IN IP4 " + RELAY_LAN + "\r\n"), call.toCallee());
        assertTrue(call.toCaller().contains("c=IN IP6 " + RELAY_WAN6 + "\r\n"), call.toCaller());
        call.assertBothWays("fd00:78:0:0:0:0:0:1", RELAY_LAN);
        JsonObject stream = CdrFiles.of(work.resolve("data"), call.callId()).getJsonArray("streams").getJsonObject(0);
        assertEquals("[" + IPV6_PHONE + "]:" + call.callerPort(), stream.getJsonObject("caller").getString("latched_rtp"));
    }

    @Test
    void an_interface_the_relay_does_not_have_is_refused_with_its_name() throws Exception {
        Map<String, Object> offer = NsNg.command("offer", "nets-" + UUID.randomUUID());
        offer.put("sdp", NsNg.audioSdp(PHONE, 4000));
        offer.put("direction", List.of("lan", "dmz"));
        Map<String, Object> reply = proxy.request(offer);
        assertEquals("error", NsNg.text(reply.get("result")));
        assertTrue(NsNg.text(reply.get("error-reason")).contains("media interface 'dmz'"),
                NsNg.text(reply.get("error-reason")));
    }

    /** One call's SDPs and what its parties heard of each other. */
    private record Call(String callId, String toCallee, String toCaller, int callerPort,
                        List<NsUdpProcess.Rx> atCaller, List<NsUdpProcess.Rx> atCallee) {

        /** Most of each party's packets reached the other, each from the relay address it was told to send to. */
        void assertBothWays(String callerHearsFrom, String calleeHearsFrom) {
            List<NsUdpProcess.Rx> heardByCaller = atCaller.stream().filter(r -> r.ssrc() == CALLEE_SSRC).toList();
            List<NsUdpProcess.Rx> heardByCallee = atCallee.stream().filter(r -> r.ssrc() == CALLER_SSRC).toList();
            assertTrue(heardByCaller.size() >= PACKETS - 5, "the caller heard " + heardByCaller.size());
            assertTrue(heardByCallee.size() >= PACKETS - 5, "the callee heard " + heardByCallee.size());
            assertTrue(heardByCaller.stream().allMatch(r -> r.host().equals(callerHearsFrom)), heardByCaller.get(0).host());
            assertTrue(heardByCallee.stream().allMatch(r -> r.host().equals(calleeHearsFrom)), heardByCallee.get(0).host());
        }
    }

    private static final long CALLER_SSRC = 0x1A11;
    private static final long CALLEE_SSRC = 0x1B22;

    /** Offer (with these keys) from {@code callerAt}, answer from {@code calleeAt}, a second of RTP each way, delete. */
    private Call call(NetNamespace callerNet, String callerAt, NetNamespace calleeNet, String calleeAt,
                      Map<String, Object> offerKeys) throws Exception {
        String callId = "nets-" + UUID.randomUUID();
        try (NsUdpProcess caller = NsUdpProcess.start(callerNet, callerAt, 0);
             NsUdpProcess callee = NsUdpProcess.start(calleeNet, calleeAt, 0)) {
            Map<String, Object> offer = NsNg.command("offer", callId);
            offer.put("sdp", NsNg.audioSdp(callerAt, caller.port()));
            offer.putAll(offerKeys);
            String toCallee = NsNg.sdpOf(proxy.request(offer));
            Map<String, Object> answer = NsNg.command("answer", callId);
            answer.put("to-tag", "callee");
            answer.put("sdp", NsNg.audioSdp(calleeAt, callee.port()));
            String toCaller = NsNg.sdpOf(proxy.request(answer));

            caller.rtp(connection(toCaller), NsNg.audioPort(toCaller), CALLER_SSRC, PACKETS, 20);
            callee.rtp(connection(toCallee), NsNg.audioPort(toCallee), CALLEE_SSRC, PACKETS, 20);
            await().atMost(Duration.ofSeconds(20)).until(() -> heard(callee, CALLER_SSRC) >= PACKETS - 5
                    && heard(caller, CALLEE_SSRC) >= PACKETS - 5);
            Call call = new Call(callId, toCallee, toCaller, caller.port(), caller.received(), callee.received());
            assertEquals("ok", NsNg.text(proxy.request(NsNg.command("delete", callId)).get("result")));
            return call;
        }
    }

    private static long heard(NsUdpProcess peer, long ssrc) {
        return peer.received().stream().filter(r -> r.ssrc() == ssrc).count();
    }

    /** The address of an SDP's first {@code c=} line. */
    private static String connection(String sdp) {
        int at = sdp.indexOf("c=IN IP");
        return sdp.substring(at + "c=IN IP4 ".length(), sdp.indexOf("\r\n", at));
    }


}
