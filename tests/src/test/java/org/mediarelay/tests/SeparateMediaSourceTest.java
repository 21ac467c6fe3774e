package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A carrier whose media gateway is not where its signalling comes from nor where its SDP points: a real mediarelay in
 * one network namespace, the carrier in another behind a veth link. Its SIP comes from {@value #SIP_SOURCE}, its SDP
 * names {@value #SDP_ADDRESS} (nobody there), its media comes from {@value #GATEWAY}. The caller is an ordinary
 * phone next to the relay. A proxy (the test) sends the ng offer and answer as Kamailio would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeparateMediaSourceTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));
    private static final String RELAY = "10.77.0.1";
    private static final String SIP_SOURCE = "10.77.0.2";
    private static final String GATEWAY = "10.77.0.3";
    private static final String SDP_ADDRESS = "10.77.0.4";
    private static final String CALLER = "127.0.0.5";
    private static final int NG_PORT = 2223;
    private static final long CALLER_SSRC = 0xCA11;
    private static final long GATEWAY_SSRC = 0x6A7E;
    /** Two seconds of 20 ms packets each way. */
    private static final int PACKETS = 100;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @TempDir
    static Path work;
    private NetNamespace relaySide;
    private NetNamespace carrier;
    private RelayProcess relay;
    private NsUdpProcess proxySocket;
    private NsNg proxy;

    @BeforeAll
    void start() throws Exception {
        relaySide = NetNamespace.create("mr-lb");
        carrier = NetNamespace.create("mr-carrier");
        relaySide.link(carrier, RELAY, List.of(SIP_SOURCE, GATEWAY));
        relay = RelayProcess.start(relaySide.prefix(), ROOT, THIS_JDK, work, List.of(
                "--ng.listen=127.0.0.1:" + NG_PORT, "--http.listen=127.0.0.1:8080", "--media.interface=" + RELAY,
                "--media.ports=30000-30099", "--data.dir=" + work.resolve("data"),
                "--cluster.name=lb-" + UUID.randomUUID()));
        relay.awaitReady();
        proxySocket = NsUdpProcess.start(relaySide, "127.0.0.1", 0);
        proxy = new NsNg(proxySocket, "127.0.0.1", NG_PORT);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {proxySocket, relay, carrier, relaySide}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void media_from_a_gateway_the_signalling_never_named_flows_both_ways_within_a_second() throws Exception {
        Call call = call(Map.of());
        assertTrue(call.firstAtCaller().isPresent(), "the caller heard the gateway");
        assertTrue(call.firstAtGateway().isPresent(), "the gateway heard the caller");
        assertTrue(call.firstAtCaller().getAsLong() - call.gatewayStart() <= SECOND,
                "the caller heard the gateway " + ms(call.firstAtCaller().getAsLong() - call.gatewayStart()) + " ms "
                        + "after it began");
        assertTrue(call.firstAtGateway().getAsLong() - call.gatewayStart() <= SECOND,
                "the gateway heard the caller " + ms(call.firstAtGateway().getAsLong() - call.gatewayStart())
                        + " ms after it began");
        assertTrue(call.atCaller() >= PACKETS - 50 && call.atGateway() >= PACKETS - 50,
                "most of two seconds each way: " + call.atCaller() + " at the caller, " + call.atGateway()
                        + " at the gateway");
        JsonObject callee = CdrFiles.of(work.resolve("data"), call.callId()).getJsonArray("streams").getJsonObject(0).getJsonObject("callee");
        assertTrue(callee.getString("latched_rtp").startsWith(GATEWAY + ":"), callee.encode());
    }

    @Test
    void a_call_that_asks_for_endpoint_learning_off_takes_no_source_its_signalling_did_not_name() throws Exception {
        Call call = call(Map.of("endpoint-learning", "off"));
        assertEquals(0, call.atCaller(), "nothing of the gateway's reached the caller");
        JsonObject callee = CdrFiles.of(work.resolve("data"), call.callId()).getJsonArray("streams").getJsonObject(0).getJsonObject("callee");
        assertTrue(callee.getJsonObject("drops").getLong("unknown-source", 0L)
                + callee.getJsonObject("drops").getLong("learning", 0L) >= PACKETS - 5, callee.encode());
    }

    /** What one call's two parties heard: the monotonic times and counts of the other's packets. */
    private record Call(String callId, long gatewayStart, List<NsUdpProcess.Rx> caller, List<NsUdpProcess.Rx> gateway) {
        java.util.OptionalLong firstAtCaller() {
            return caller.stream().filter(r -> r.ssrc() == GATEWAY_SSRC).mapToLong(NsUdpProcess.Rx::nanos).min();
        }

        java.util.OptionalLong firstAtGateway() {
            return gateway.stream().filter(r -> r.ssrc() == CALLER_SSRC).mapToLong(NsUdpProcess.Rx::nanos).min();
        }

        long atCaller() {
            return caller.stream().filter(r -> r.ssrc() == GATEWAY_SSRC).count();
        }

        long atGateway() {
            return gateway.stream().filter(r -> r.ssrc() == CALLER_SSRC).count();
        }
    }

    /** Offer, answer with these extra ng keys, two seconds of media both ways, delete; what each party heard. */
    private Call call(Map<String, String> answerKeys) throws Exception {
        String callId = "lb-" + UUID.randomUUID();
        try (NsUdpProcess caller = NsUdpProcess.start(relaySide, CALLER, 0);
             NsUdpProcess gateway = NsUdpProcess.start(carrier, GATEWAY, 0)) {
            Map<String, Object> offer = new LinkedHashMap<>();
            offer.put("command", "offer");
            offer.put("call-id", callId);
            offer.put("from-tag", "caller-tag");
            offer.put("received-from", List.of("IP4", CALLER));
            offer.put("sdp", sdp(CALLER, caller.port()));
            int towardsCallee = NsNg.audioPort(NsNg.sdpOf(proxy.request(offer)));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("command", "answer");
            answer.put("call-id", callId);
            answer.put("from-tag", "caller-tag");
            answer.put("to-tag", "carrier-tag");
            answer.put("received-from", List.of("IP4", SIP_SOURCE));
            answer.put("sdp", sdp(SDP_ADDRESS, 30000));
            answer.putAll(answerKeys);
            int towardsCaller = NsNg.audioPort(NsNg.sdpOf(proxy.request(answer)));

            caller.rtp(RELAY, towardsCaller, CALLER_SSRC, PACKETS, 20);
            long gatewayStart = gateway.rtp(RELAY, towardsCallee, GATEWAY_SSRC, PACKETS, 20);
            // Until both streams have ended and their last packets had time to cross.
            await().pollDelay(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(30))
                    .until(() -> System.nanoTime() - gatewayStart > 2_500 * 1_000_000L);
            Call call = new Call(callId, gatewayStart, caller.received(), gateway.received());
            Map<String, Object> delete = new LinkedHashMap<>();
            delete.put("command", "delete");
            delete.put("call-id", callId);
            delete.put("from-tag", "caller-tag");
            assertEquals("ok", NsNg.text(proxy.request(delete).get("result")));
            return call;
        }
    }

    private static String sdp(String address, int port) {
        return "v=0\r\no=- 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
