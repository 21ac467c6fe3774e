package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real proxies against the real process: Kamailio (Debian {@code kamailio}, its {@code rtpengine} module) routes calls
 * from a SIPp caller to a SIPp callee (Debian {@code sip-tester}) with {@code rtpengine_offer/answer/delete} pointed at
 * mediarelay's ng socket, and both SIPps play the RTP pcap that sip-tester ships once the call is up. Everything
 * runs in a network namespace this test creates, with its own loopback: caller 127.0.0.10, callee 127.0.0.20,
 * Kamailio 127.0.0.1:5060, mediarelay's media 127.0.0.2.
 *
 * <p>Each SIPp checks that the SDP it receives names the relay (a call whose SDP does not fails); the CDRs then show
 * RTP relayed both ways, latched to the two SIPps, nothing dropped.
 */
class KamailioSippTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));
    private static final String RELAY = "127.0.0.2";
    private static final String CALLER = SipCalls.CALLER;
    private static final String CALLEE = SipCalls.CALLEE;
    private static final String PROXY = "127.0.0.1:5060";
    private static final int CALLS = 4;

    @TempDir
    Path work;
    private SipCalls sip;

    @Test
    void kamailio_relays_every_call_through_mediarelay_and_rtp_flows_both_ways() throws Exception {
        Map<String, String> media = Map.of("@RELAY@", RELAY.replace(".", "\\."), "@PCAP@", SipCalls.PCAP.toString(),
                "@HOLD_MS@", "9000");
        withKamailio(List.of(), (ns, relay) -> {
            int[] codes = sip.calls(ns, PROXY, sip.render("/sipp/uac.xml", media), sip.render("/sipp/uas.xml", media),
                    CALLS);
            assertEquals(0, codes[0], () -> "every call succeeds with its SDP pointing at the relay: " + why());
            assertEquals(0, codes[1], () -> "the callee saw the relay in every offer: " + why());
            List<JsonObject> cdrs = await().atMost(Duration.ofSeconds(10)).until(this::cdrs, c -> c.size() == CALLS);
            for (JsonObject cdr : cdrs) {
                assertEquals("regular", cdr.getString("reason"), cdr.encode());
                JsonObject stream = cdr.getJsonArray("streams").getJsonObject(0);
                assertEquals("relayed", stream.getString("path"), cdr.encode());
                JsonObject from = stream.getJsonObject("caller");
                JsonObject to = stream.getJsonObject("callee");
                assertTrue(from.getString("latched_rtp").startsWith(CALLER + ":"), cdr.encode());
                assertTrue(to.getString("latched_rtp").startsWith(CALLEE + ":"), cdr.encode());
                // The pcap is 236 packets; a few may fall before the other side's answer reaches SIPp.
                assertTrue(from.getJsonObject("rtp").getLong("packets") >= 200, "caller to callee: " + cdr.encode());
                assertTrue(to.getJsonObject("rtp").getLong("packets") >= 200, "callee to caller: " + cdr.encode());
                assertEquals(0L, from.getLong("dropped") + to.getLong("dropped"), cdr.encode());
            }
        });
    }

    @Test
    void when_a_calls_media_times_out_kamailio_is_asked_to_end_the_dialog_and_both_sides_get_a_bye() throws Exception {
        withKamailio(List.of("--media.timeout.no-media=4s", "--dialog.end=kamailio:http://127.0.0.1:5071/RPC"),
                (ns, relay) -> {
            int[] codes = quietCalls(ns);
            assertEquals(0, codes[0], () -> "the caller got a BYE from the proxy: " + why());
            assertEquals(0, codes[1], () -> "the callee got a BYE from the proxy: " + why());
            List<JsonObject> cdrs = await().atMost(Duration.ofSeconds(10)).until(this::cdrs, c -> c.size() == 2);
            for (JsonObject cdr : cdrs) {
                assertEquals("timeout", cdr.getString("reason"), cdr.encode());
                assertEquals("ended", cdr.getString("dialog_end"), cdr.encode());
                assertTrue(relay.stderrText().contains("Kamailio http://127.0.0.1:5071/RPC ends the dialog of "
                        + cdr.getString("call_id")), "mediarelay asked Kamailio for this call");
            }
        });
    }

    @Test
    void when_a_drain_deadline_ends_calls_kamailio_is_asked_to_end_their_dialogs_and_both_sides_get_a_bye()
            throws Exception {
        withKamailio(List.of("--media.timeout.no-media=120s", "--dialog.end=kamailio:http://127.0.0.1:5071/RPC"),
                (ns, relay) -> {
            java.util.regex.Matcher node = java.util.regex.Pattern.compile(" node (\\S+)").matcher(relay.awaitReady());
            assertTrue(node.find(), relay.awaitReady());
            java.util.concurrent.CompletableFuture<int[]> sipp = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return quietCalls(ns);
                        } catch (Exception e) {
                            throw new java.util.concurrent.CompletionException(e);
                        }
                    });
            // Both calls up (the operator's view), then the node is drained with a deadline that passes at once.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .failFast(() -> assertTrue(!sipp.isDone(), () -> "SIPp ended early: " + sip.log("sipp-caller")))
                    .until(() -> new JsonObject(sip.cli(ns, "sessions", "--json")).getInteger("total") == 2);
            sip.cli(ns, "drain", node.group(1), "--deadline=1", "--json");
            int[] codes = sipp.get(150, TimeUnit.SECONDS);
            assertEquals(0, codes[0], () -> "the caller got a BYE from the proxy: " + why());
            assertEquals(0, codes[1], () -> "the callee got a BYE from the proxy: " + why());
            List<JsonObject> cdrs = await().atMost(Duration.ofSeconds(30)).until(this::cdrs, c -> c.size() == 2);
            for (JsonObject cdr : cdrs) {
                assertEquals("drained", cdr.getString("reason"), cdr.encode());
                assertEquals("ended", cdr.getString("dialog_end"), cdr.encode());
            }
        });
    }

    private interface InNamespace {
        void run(NetNamespace ns, RelayProcess relay) throws Exception;
    }

    /**
     * A network namespace with mediarelay (media on {@value #RELAY}, ng on 127.0.0.1:2223, these extra arguments) and
     * Kamailio (SIP on 127.0.0.1:5060, JSON-RPC on 127.0.0.1:5071) running in it; everything is stopped afterwards.
     */
    private void withKamailio(List<String> relayArgs, InNamespace body) throws Exception {
        for (String tool : List.of("kamailio", "sipp", "ip", "ss")) {
            assertTrue(SipCalls.onPath(tool), tool + " is missing: .ci/run installs kamailio and sip-tester");
        }
        assertTrue(Files.isReadable(SipCalls.PCAP), SipCalls.PCAP + " is missing (package sip-tester)");
        sip = new SipCalls(work, "kamailio", ROOT, THIS_JDK);
        List<String> args = new ArrayList<>(List.of("--ng.listen=127.0.0.1:2223", "--http.listen=127.0.0.1:8080",
                "--media.interface=" + RELAY, "--media.ports=30000-30199", "--data.dir=" + work.resolve("data"),
                "--cluster.name=kamailio-" + UUID.randomUUID()));
        args.addAll(relayArgs);
        try (NetNamespace ns = NetNamespace.create("mr-kam");
             RelayProcess relay = RelayProcess.start(ns.prefix(), ROOT, THIS_JDK, work, args)) {
            relay.awaitReady();
            Process kamailio = sip.start(ns, "kamailio", List.of("kamailio", "-DD", "-E", "-f",
                    sip.render("/kamailio/kamailio.cfg", Map.of("@NG@", "127.0.0.1:2223", "@LISTEN@", PROXY,
                            "@RPC@", "127.0.0.1:5071", "@CALLEE@", CALLEE + ":5080")).toString(),
                    "-Y", work.toString()));
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .failFast(() -> assertTrue(kamailio.isAlive(), () -> "kamailio exited: " + sip.log("kamailio")))
                        .until(() -> ns.udpBound("127.0.0.1", 5060));
                body.run(ns, relay);
            } finally {
                SipCalls.stop(kamailio);
            }
        }
    }

    /** Two calls whose parties send no media: they end when the relay asks Kamailio to end them. */
    private int[] quietCalls(NetNamespace ns) throws Exception {
        return sip.calls(ns, PROXY, sip.render("/sipp/uac-quiet.xml", Map.of()),
                sip.render("/sipp/uas-quiet.xml", Map.of()), 2);
    }

    private String why() {
        try {
            return sip.why();
        } catch (IOException e) {
            return "(logs unreadable: " + e + ")";
        }
    }

    private List<JsonObject> cdrs() throws IOException {
        return CdrFiles.read(work.resolve("data"));
    }
}
