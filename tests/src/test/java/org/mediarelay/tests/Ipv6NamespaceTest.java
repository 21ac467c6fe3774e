package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPv6 media through a real mediarelay whose media interface is a global IPv6 address of a network namespace of the
 * test's own (not {@code ::1}): the SDP names the relay as RFC 5952 writes it, RTP crosses both ways, and the CDR
 * names where each party sent from, without a scope.
 */
class Ipv6NamespaceTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));
    private static final String RELAY = "fd00:77::1";
    private static final String CALLER = "fd00:77::a";
    private static final String CALLEE = "fd00:77::b";
    private static final int NG_PORT = 2223;
    private static final long CALLER_SSRC = 0x6A11;
    private static final long CALLEE_SSRC = 0x6B22;
    private static final int PACKETS = 50;

    @TempDir
    Path work;

    @Test
    void a_relay_on_a_namespaces_ipv6_address_carries_rtp_both_ways_and_names_itself_as_rfc_5952_writes() throws Exception {
        try (NetNamespace ns = NetNamespace.create("mr-v6")) {
            NetNamespace.run(ns.exec(List.of("ip", "-6", "addr", "add", RELAY + "/128", "dev", "lo")));
            NetNamespace.run(ns.exec(List.of("ip", "-6", "addr", "add", CALLER + "/128", "dev", "lo")));
            NetNamespace.run(ns.exec(List.of("ip", "-6", "addr", "add", CALLEE + "/128", "dev", "lo")));
            try (RelayProcess relay = RelayProcess.start(ns.prefix(), ROOT, THIS_JDK, work, List.of(
                    "--ng.listen=127.0.0.1:" + NG_PORT, "--http.listen=127.0.0.1:8080", "--media.interface=" + RELAY,
                    "--media.ports=30000-30099", "--data.dir=" + work.resolve("data"),
                    "--cluster.name=v6-" + UUID.randomUUID()));
                 NsUdpProcess proxySocket = startAfter(relay, ns);
                 NsUdpProcess caller = NsUdpProcess.start(ns, CALLER, 0);
                 NsUdpProcess callee = NsUdpProcess.start(ns, CALLEE, 0)) {
                NsNg proxy = new NsNg(proxySocket, "127.0.0.1", NG_PORT);
                String callId = "v6-" + UUID.randomUUID();
                Map<String, Object> offer = NsNg.command("offer", callId);
                offer.put("sdp", NsNg.audioSdp(CALLER, caller.port()));
                String toCallee = NsNg.sdpOf(proxy.request(offer));
                Map<String, Object> answer = NsNg.command("answer", callId);
                answer.put("to-tag", "callee");
                answer.put("sdp", NsNg.audioSdp(CALLEE, callee.port()));
                String toCaller = NsNg.sdpOf(proxy.request(answer));
                assertTrue(toCallee.contains("c=IN IP6 " + RELAY + "\r\n"), toCallee);
                assertTrue(toCaller.contains("c=IN IP6 " + RELAY + "\r\n"), toCaller);

                caller.rtp(RELAY, NsNg.audioPort(toCaller), CALLER_SSRC, PACKETS, 20);
                callee.rtp(RELAY, NsNg.audioPort(toCallee), CALLEE_SSRC, PACKETS, 20);
                await().atMost(Duration.ofSeconds(20)).until(() -> count(callee, CALLER_SSRC) >= PACKETS - 5
                        && count(caller, CALLEE_SSRC) >= PACKETS - 5);
                assertTrue(caller.received().stream().allMatch(r -> r.host().equals("fd00:77:0:0:0:0:0:1")),
                        "the caller hears the relay's address: " + caller.received().get(0).host());

                Map<String, Object> delete = NsNg.command("delete", callId);
                assertEquals("ok", NsNg.text(proxy.request(delete).get("result")));
                JsonObject stream = CdrFiles.of(work.resolve("data"), callId).getJsonArray("streams").getJsonObject(0);
                String latched = stream.getJsonObject("caller").getString("latched_rtp");
                assertEquals("[" + CALLER + "]:" + caller.port(), latched, stream.encode());
                assertEquals("relayed", stream.getString("path"));
            }
        }
    }

    private static NsUdpProcess startAfter(RelayProcess relay, NetNamespace ns) throws IOException {
        relay.awaitReady();
        return NsUdpProcess.start(ns, "127.0.0.1", 0);
    }



    private static long count(NsUdpProcess peer, long ssrc) {
        return peer.received().stream().filter(r -> r.ssrc() == ssrc).count();
    }
}
