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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real OpenSIPS 3.4 (LTS) against the real process, the proxy MediaProxy was made for: its {@code mediaproxy} module
 * speaks the dispatcher protocol to mediarelay's socket, under {@code engage_media_proxy()} (the dialog module sends
 * every update and the remove, with the dialog's id) or {@code use_media_proxy()}/{@code end_media_session()} from
 * the script; and its {@code rtpengine} module, speaking ng to mediarelay as it would to rtpengine. SIPp calls from
 * 127.0.0.10 to 127.0.0.20 through OpenSIPS on 127.0.0.1:5060 in a network namespace this test creates; mediarelay's
 * media on {@value #RELAY}.
 *
 * <p>Debian has no OpenSIPS package: the test builds it once from the release tarball next to the repository
 * ({@code ../shared/opensips/opensips-3.4.18.tar.gz}, or {@code -Dopensips.tarball}) with
 * {@code tests/opensips/build.sh}, into {@code ~/.cache/mediarelay/opensips} (or {@code MEDIARELAY_OPENSIPS}).
 */
class OpenSipsTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));
    private static final Path TARBALL = Path.of(System.getProperty("opensips.tarball",
            ROOT.resolve("../shared/opensips/opensips-3.4.18.tar.gz").normalize().toString()));
    private static final Path OPENSIPS = Path.of(System.getenv().getOrDefault("MEDIARELAY_OPENSIPS",
            System.getProperty("user.home") + "/.cache/mediarelay/opensips"));
    private static final String RELAY = "127.0.0.2";
    private static final String PROXY = "127.0.0.1:5060";
    private static final String NG = "127.0.0.1:2223";
    /** The address a NAT in front of the caller sends from (one test). */
    private static final String NAT_PUBLIC = "127.0.0.11";
    private static final int MI_HTTP_PORT = 8888;
    private static final String MI_UDP = "127.0.0.1:8090";
    private static final int CALLS = 2;

    @TempDir
    Path work;
    private SipCalls sip;

    @BeforeAll
    static void buildOpenSips() throws Exception {
        assertTrue(Files.isRegularFile(TARBALL), "no OpenSIPS source at " + TARBALL + ": the OpenSIPS tests build "
                + "OpenSIPS 3.4 from its release tarball (set -Dopensips.tarball=PATH to use another copy)");
        Process build = new ProcessBuilder(ROOT.resolve("tests/opensips/build.sh").toString(), TARBALL.toString(),
                OPENSIPS.toString()).redirectErrorStream(true).start();
        String out = new String(build.getInputStream().readAllBytes());
        assertTrue(build.waitFor(15, TimeUnit.MINUTES), "building OpenSIPS took too long");
        assertEquals(0, build.exitValue(), () -> "building OpenSIPS failed: " + out);
    }

    @Test
    void engage_media_proxy_relays_every_call_and_the_cdr_carries_what_opensips_told() throws Exception {
        withMediaProxy("engage", List.of(), (ns, relay) -> {
            playedCalls(ns);
            for (JsonObject cdr : awaitCdrs(CALLS)) {
                assertRelayedBothWays(cdr);
                assertTrue(cdr.getString("dialog_id", "").matches("[0-9]+"), "the module's dialog id: " + cdr);
                // The module sends each URI without its "sip:" and parameters.
                assertEquals("alice@" + SipCalls.CALLER + ":5070", cdr.getJsonObject("uris").getString("caller"));
                assertEquals("bob@" + PROXY, cdr.getJsonObject("uris").getString("callee"), cdr.encode());
                assertEquals(new JsonObject().put("caller", "SIPp caller").put("callee", "SIPp callee"),
                        cdr.getJsonObject("user_agents"), cdr.encode());
            }
        });
    }

    @Test
    void a_caller_behind_a_port_remapping_nat_gets_its_media_at_the_address_and_port_the_nat_chose() throws Exception {
        withMediaProxy("engage", List.of(), (ns, relay) -> {
            // SIP and RTP from the caller leave from NAT_PUBLIC, on ports the NAT picks; its SDP still names its own.
            // As a real NAT, it lets in only what answers something the caller sent: the caller's private address
            // is not reachable (here on loopback it would be, and a packet sent there first would claim the flow).
            NetNamespace.run(ns.exec(List.of("nft", "add table ip mr-nat")));
            NetNamespace.run(ns.exec(List.of("nft", "add chain ip mr-nat post { type nat hook postrouting priority "
                    + "srcnat ; }")));
            NetNamespace.run(ns.exec(List.of("nft", "add rule ip mr-nat post ip saddr " + SipCalls.CALLER
                    + " meta l4proto udp snat to " + NAT_PUBLIC + ":20000-29999")));
            NetNamespace.run(ns.exec(List.of("nft", "add chain ip mr-nat out { type filter hook output priority 0 ; "
                    + "}")));
            NetNamespace.run(ns.exec(List.of("nft", "add rule ip mr-nat out ip daddr " + SipCalls.CALLER
                    + " ct state new drop")));
            playedCalls(ns);
            for (JsonObject cdr : awaitCdrs(CALLS)) {
                assertEquals("regular", cdr.getString("reason"), cdr.encode());
                JsonObject caller = cdr.getJsonArray("streams").getJsonObject(0).getJsonObject("caller");
                JsonObject callee = cdr.getJsonArray("streams").getJsonObject(0).getJsonObject("callee");
                String latched = caller.getString("latched_rtp", "");
                assertTrue(latched.startsWith(NAT_PUBLIC + ":"), "latched to the NAT's address: " + cdr.encode());
                int port = Integer.parseInt(latched.substring(latched.lastIndexOf(':') + 1));
                assertTrue(port >= 20000 && port <= 29999, "at the port the NAT chose: " + cdr.encode());
                assertEquals(SipCalls.CALLER + ":41000", caller.getString("sdp_rtp"), "the SDP named the private one");
                assertTrue(caller.getJsonObject("rtp").getLong("packets") >= 200, "caller to callee: " + cdr.encode());
                assertTrue(callee.getJsonObject("rtp").getLong("packets") >= 200, "callee to caller: " + cdr.encode());
                assertEquals(0L, caller.getLong("dropped"), cdr.encode());
                // What the callee sent before the caller's first packet reached the relay went to the SDP's private
                // address, which this host's NAT refuses: the OS fails those sends, and they count as such (a packet
                // or two at 50 packets/s), nothing else.
                JsonObject calleeDrops = callee.getJsonObject("drops");
                assertTrue(calleeDrops.fieldNames().stream().allMatch("send-failed"::equals), cdr.encode());
                assertTrue(callee.getLong("dropped") <= 10, "only until the caller's media latched: " + cdr.encode());
            }
        });
    }

    @Test
    void use_media_proxy_and_end_media_session_from_the_script_relay_every_call_too() throws Exception {
        withMediaProxy("use", List.of(), (ns, relay) -> {
            playedCalls(ns);
            for (JsonObject cdr : awaitCdrs(CALLS)) {
                assertRelayedBothWays(cdr);
                assertTrue(!cdr.containsKey("dialog_id"), "use_media_proxy() sends no dialog id: " + cdr);
            }
        });
    }

    @Test
    void opensips_rtpengine_module_relays_every_call_over_ng() throws Exception {
        withOpenSips("/opensips/rtpengine.cfg", Map.of(), List.of(), (ns, relay) -> {
            playedCalls(ns);
            for (JsonObject cdr : awaitCdrs(CALLS)) {
                assertRelayedBothWays(cdr);
            }
        });
    }

    @Test
    void a_busy_callee_ends_the_call_and_frees_its_ports() throws Exception {
        withMediaProxy("engage", List.of(), (ns, relay) -> {
            Map<String, String> relayed = Map.of("@RELAY@", RELAY.replace(".", "\\."));
            int[] codes = sip.calls(ns, PROXY, sip.render("/sipp/uac-busy.xml", Map.of()),
                    sip.render("/sipp/uas-busy.xml", relayed), CALLS);
            assertEquals(0, codes[0], () -> "the caller got 486: " + why());
            assertEquals(0, codes[1], () -> "the callee saw the relay in every offer: " + why());
            for (JsonObject cdr : awaitCdrs(CALLS)) {
                assertEquals("regular", cdr.getString("reason"), cdr.encode());
                assertTrue(!cdr.containsKey("answered"), "never answered: " + cdr.encode());
            }
            JsonObject node = new JsonObject(sip.cli(ns, "status", "--json")).getJsonArray("nodes").getJsonObject(0);
            assertEquals(node.getInteger("ports_total"), node.getInteger("ports_free"), node.encode());
        });
    }

    @Test
    void when_a_calls_media_times_out_opensips_is_asked_over_mi_http_and_both_sides_get_a_bye() throws Exception {
        String url = "http://127.0.0.1:" + MI_HTTP_PORT + "/mi";
        dialogEndedThrough("opensips:" + url, "OpenSIPS " + url + " ends the dialog of ");
    }

    @Test
    void when_a_calls_media_times_out_opensips_is_asked_over_mi_datagram_and_both_sides_get_a_bye()
            throws Exception {
        dialogEndedThrough("opensips:udp://" + MI_UDP, "OpenSIPS udp://" + MI_UDP + " ends the dialog of ");
    }

    /**
     * Quiet calls time out on the relay, which asks OpenSIPS ({@code dialog.end}) to end their dialogs, naming each by
     * the id OpenSIPS itself lists for it ({@code dlg_list}, read while the calls are up).
     */
    private void dialogEndedThrough(String dialogEnd, String logged) throws Exception {
        withMediaProxy("engage", List.of("--media.timeout.no-media=4s", "--dialog.end=" + dialogEnd), (ns, relay) -> {
            CompletableFuture<int[]> sipp = CompletableFuture.supplyAsync(() -> {
                try {
                    return sip.calls(ns, PROXY, sip.render("/sipp/uac-quiet.xml", Map.of()),
                            sip.render("/sipp/uas-quiet.xml", Map.of()), CALLS);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            Map<String, String> dialogIds = new ConcurrentHashMap<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .failFast(() -> assertTrue(!sipp.isDone(), () -> "SIPp ended before both dialogs were listed: "
                            + dialogIds + why()))
                    .until(() -> {
                        for (Object d : mi(ns, "dlg_list").getJsonObject("result").getJsonArray("Dialogs")) {
                            dialogIds.put(((JsonObject) d).getString("callid"), ((JsonObject) d).getString("ID"));
                        }
                        return dialogIds.size() == CALLS;
                    });
            int[] codes = sipp.get(150, TimeUnit.SECONDS);
            assertEquals(0, codes[0], () -> "the caller got a BYE from OpenSIPS: " + why());
            assertEquals(0, codes[1], () -> "the callee got a BYE from OpenSIPS: " + why());
            for (JsonObject cdr : awaitCdrs(CALLS)) {
                assertEquals("timeout", cdr.getString("reason"), cdr.encode());
                assertEquals("ended", cdr.getString("dialog_end"), cdr.encode());
                String callId = cdr.getString("call_id");
                assertTrue(relay.stderrText().contains(logged + callId + " (" + dialogIds.get(callId) + ")"),
                        () -> "mediarelay asked OpenSIPS for " + callId + " by its dialog id " + dialogIds.get(callId)
                                + ": " + relay.logTail(3000));
            }
        });
    }

    /** One request to OpenSIPS' mi_http in the namespace (python3, which the test machine has); the JSON-RPC reply. */
    private static JsonObject mi(NetNamespace ns, String method) throws Exception {
        String post = "import json, sys, urllib.request\n"
                + "body = json.dumps({'jsonrpc': '2.0', 'method': sys.argv[2], 'id': 1}).encode()\n"
                + "headers = {'Content-Type': 'application/json'}\n"
                + "request = urllib.request.Request(sys.argv[1], data=body, headers=headers)\n"
                + "print(urllib.request.urlopen(request, timeout=5).read().decode())\n";
        return new JsonObject(NetNamespace.run(ns.exec(List.of("python3", "-c", post,
                "http://127.0.0.1:" + MI_HTTP_PORT + "/mi", method))));
    }

    /** {@value #CALLS} calls of SIPps playing RTP both ways, each SIPp checking that every SDP names the relay. */
    private void playedCalls(NetNamespace ns) throws Exception {
        int[] codes = sip.calls(ns, PROXY, sip.render("/sipp/uac.xml", media()), sip.render("/sipp/uas.xml", media()),
                CALLS);
        assertEquals(0, codes[0], () -> "every call succeeds with the SDP it got pointing at the relay: " + why());
        assertEquals(0, codes[1], () -> "the callee saw the relay in every offer: " + why());
    }

    private static void assertRelayedBothWays(JsonObject cdr) {
        assertEquals("regular", cdr.getString("reason"), cdr.encode());
        JsonObject stream = cdr.getJsonArray("streams").getJsonObject(0);
        assertEquals("relayed", stream.getString("path"), cdr.encode());
        JsonObject from = stream.getJsonObject("caller");
        JsonObject to = stream.getJsonObject("callee");
        assertTrue(from.getString("latched_rtp", "").startsWith(SipCalls.CALLER + ":"), cdr.encode());
        assertTrue(to.getString("latched_rtp", "").startsWith(SipCalls.CALLEE + ":"), cdr.encode());
        // The pcap is 236 packets; a few may fall before the other side's answer reaches SIPp.
        assertTrue(from.getJsonObject("rtp").getLong("packets") >= 200, "caller to callee: " + cdr.encode());
        assertTrue(to.getJsonObject("rtp").getLong("packets") >= 200, "callee to caller: " + cdr.encode());
        assertEquals(0L, from.getLong("dropped") + to.getLong("dropped"), cdr.encode());
    }

    private static Map<String, String> media() {
        return Map.of("@RELAY@", RELAY.replace(".", "\\."), "@PCAP@", SipCalls.PCAP.toString(), "@HOLD_MS@", "9000");
    }

    private List<JsonObject> awaitCdrs(int count) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> CdrFiles.read(work.resolve("data")),
                c -> c.size() == count);
    }

    private interface InNamespace {
        void run(NetNamespace ns, RelayProcess relay) throws Exception;
    }

    /** OpenSIPS with the mediaproxy module in {@code mode} ({@code engage} or {@code use}, see mediaproxy.cfg). */
    private void withMediaProxy(String mode, List<String> relayArgs, InNamespace body) throws Exception {
        withOpenSips("/opensips/mediaproxy.cfg", Map.of("@MP_SOCKET@", work.resolve("data/dispatcher.sock").toString(),
                "@MI_HTTP_PORT@", String.valueOf(MI_HTTP_PORT), "@MI_UDP@", MI_UDP, "@MODE@", mode), relayArgs, body);
    }

    /**
     * A network namespace with mediarelay (media on {@value #RELAY}, ng on 127.0.0.1:2223, its dispatcher socket in
     * its data directory, these extra arguments) and OpenSIPS with this configuration running in it; everything is
     * stopped afterwards.
     */
    private void withOpenSips(String cfg, Map<String, String> cfgValues, List<String> relayArgs, InNamespace body)
            throws Exception {
        for (String tool : List.of("sipp", "ip", "ss")) {
            assertTrue(SipCalls.onPath(tool), tool + " is missing: .ci/run installs sip-tester and iproute2");
        }
        assertTrue(Files.isReadable(SipCalls.PCAP), SipCalls.PCAP + " is missing (package sip-tester)");
        sip = new SipCalls(work, "opensips", ROOT, THIS_JDK);
        List<String> args = new ArrayList<>(List.of("--ng.listen=" + NG, "--http.listen=127.0.0.1:8080",
                "--media.interface=" + RELAY, "--media.ports=30000-30199", "--data.dir=" + work.resolve("data"),
                "--cluster.name=opensips-" + UUID.randomUUID()));
        args.addAll(relayArgs);
        Map<String, String> values = new HashMap<>(cfgValues);
        values.putAll(Map.of("@MODULES@", modules(), "@LISTEN@", PROXY, "@CALLEE@", SipCalls.CALLEE + ":5080",
                "@NG@", NG));
        try (NetNamespace ns = NetNamespace.create("mr-osips");
             RelayProcess relay = RelayProcess.start(ns.prefix(), ROOT, THIS_JDK, work, args)) {
            relay.awaitReady();
            Process opensips = sip.start(ns, "opensips", List.of(OPENSIPS.resolve("sbin/opensips").toString(), "-F",
                    "-f", sip.render(cfg, values).toString(), "-w", work.toString()));
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .failFast(() -> assertTrue(opensips.isAlive(), () -> "opensips exited: " + sip.log("opensips")))
                        .until(() -> ns.udpBound("127.0.0.1", 5060)
                                && (!values.containsKey("@MI_UDP@") || ns.udpBound("127.0.0.1", 8090)));
                body.run(ns, relay);
            } finally {
                SipCalls.stop(opensips);
            }
        }
    }

    /** The directory of the built OpenSIPS's modules (lib64 or lib, as its Makefile chose). */
    private static String modules() throws IOException {
        for (String lib : List.of("lib64", "lib")) {
            Path dir = OPENSIPS.resolve(lib).resolve("opensips/modules");
            if (Files.isDirectory(dir)) {
                return dir + "/";
            }
        }
        throw new IOException("no modules directory under " + OPENSIPS);
    }

    private String why() {
        try {
            return sip.why() + "\nrelay: " + sip.relayLog();
        } catch (IOException e) {
            return "(logs unreadable: " + e + ")";
        }
    }
}
