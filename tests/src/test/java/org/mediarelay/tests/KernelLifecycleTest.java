package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the kernel path is there and when not: a relay killed with its streams in the kernel, and relays that may not
 * use nftables (CAP_NET_ADMIN dropped with setpriv, as a service without that capability runs). Each test has its
 * own namespace: one relay host, its phone and the phone's peer on its loopback.
 */
class KernelLifecycleTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));
    private static final String RELAY = "127.0.0.1";
    private static final String CALLER = "127.0.0.2";
    private static final String CALLEE = "127.0.0.3";
    private static final int NG_PORT = 2223;
    private static final long CALLER_SSRC = 0x3A11;
    private static final long CALLEE_SSRC = 0x3B22;
    /** Keeps the process from CAP_NET_ADMIN (and its children; root keeps every other capability). */
    private static final List<String> WITHOUT_NET_ADMIN = List.of("setpriv", "--inh-caps=-net_admin",
            "--bounding-set=-net_admin", "--");

    @TempDir
    Path work;
    private NetNamespace host;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void namespace() throws Exception {
        host = NetNamespace.create("mr-klife");
        host.addresses(List.of(CALLER, CALLEE));
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        host.close();
    }

    @Test
    void a_relay_killed_with_streams_in_the_kernel_leaves_nothing_forwarding_once_a_relay_starts_again()
            throws Exception {
        RelayProcess first = relay(List.of(), "auto");
        NsNg proxy = proxy();
        NsUdpProcess caller = party(CALLER);
        NsUdpProcess callee = party(CALLEE);
        String callId = "killed-" + UUID.randomUUID();
        int[] relayPorts = call(proxy, callId, caller, callee);
        caller.rtp(RELAY, relayPorts[0], CALLER_SSRC, 50, 20);
        callee.rtp(RELAY, relayPorts[1], CALLEE_SSRC, 50, 20);
        await().atMost(Duration.ofSeconds(20)).until(() -> heard(callee, CALLER_SSRC) == 50
                && heard(caller, CALLEE_SSRC) == 50);
        String stale = table(first.pid());
        first.kill();
        // Nothing took the routes out: the kernel still forwards for ports no process holds.
        caller.rtp(RELAY, relayPorts[0], CALLER_SSRC, 20, 10);
        await().atMost(Duration.ofSeconds(20)).until(() -> heard(callee, CALLER_SSRC) == 70);

        RelayProcess second = relay(List.of(), "auto");
        assertNotEquals(first.pid(), second.pid());
        assertFalse(tables().contains(stale), "the killed relay's table went before the new one bound a port");
        assertTrue(second.stderrText().contains("deleted nftables table " + stale), second.logTail(3000));
        caller.rtp(RELAY, relayPorts[0], CALLER_SSRC, 20, 10);
        // The new relay may well have bound the old port: what it receives from an unknown caller it does not
        // forward, and no route of the old process does either.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> heard(callee, CALLER_SSRC) == 70);
    }

    @Test
    void auto_without_cap_net_admin_relays_in_userspace_and_says_why() throws Exception {
        RelayProcess relay = relay(WITHOUT_NET_ADMIN, "auto");
        assertTrue(relay.stderrText().contains("kernel path off (the process may not change nftables (it needs "
                + "CAP_NET_ADMIN))"), relay.logTail(3000));
        NsNg proxy = proxy();
        NsUdpProcess caller = party(CALLER);
        NsUdpProcess callee = party(CALLEE);
        String callId = "userspace-" + UUID.randomUUID();
        int[] relayPorts = call(proxy, callId, caller, callee);
        caller.rtp(RELAY, relayPorts[0], CALLER_SSRC, 50, 20);
        callee.rtp(RELAY, relayPorts[1], CALLEE_SSRC, 50, 20);
        await().atMost(Duration.ofSeconds(20)).until(() -> heard(callee, CALLER_SSRC) == 50
                && heard(caller, CALLEE_SSRC) == 50);
        assertEquals("ok", NsNg.text(proxy.request(NsNg.command("delete", callId)).get("result")));
        JsonObject stream = CdrFiles.of(work.resolve("data"), callId).getJsonArray("streams").getJsonObject(0);
        for (String party : List.of("caller", "callee")) {
            assertEquals(50, stream.getJsonObject(party).getJsonObject("rtp").getLong("packets"));
            assertEquals(0, stream.getJsonObject(party).getJsonObject("kernel_rtp").getLong("packets"));
        }
        assertTrue(tables().stream().noneMatch(t -> t.startsWith("mediarelay-")), tables().toString());
    }

    @Test
    void on_without_cap_net_admin_refuses_to_start_and_says_why() throws Exception {
        RelayProcess relay = RelayProcess.start(prefix(WITHOUT_NET_ADMIN), ROOT, THIS_JDK, work, args("on"));
        open.add(relay);
        assertEquals(1, relay.waitForExit(), relay.stderrText());
        assertTrue(relay.stderrText().contains("media.kernel=on, but the process may not change nftables (it needs "
                + "CAP_NET_ADMIN)"), relay.stderrText());
    }

    private RelayProcess relay(List<String> wrapper, String kernel) throws Exception {
        RelayProcess relay = RelayProcess.start(prefix(wrapper), ROOT, THIS_JDK, work, args(kernel));
        open.add(relay);
        relay.awaitReady();
        return relay;
    }

    private List<String> prefix(List<String> wrapper) {
        List<String> prefix = new ArrayList<>(host.prefix());
        prefix.addAll(wrapper);
        return prefix;
    }

    private List<String> args(String kernel) throws Exception {
        Files.createDirectories(work.resolve("data"));
        return List.of("--ng.listen=127.0.0.1:" + NG_PORT, "--http.listen=127.0.0.1:0", "--media.interface=" + RELAY,
                "--media.kernel=" + kernel, "--media.ports=32000-32099", "--data.dir=" + work.resolve("data"),
                "--cluster.name=klife-" + UUID.randomUUID());
    }

    private NsNg proxy() throws Exception {
        NsUdpProcess socket = party(RELAY);
        return new NsNg(socket, RELAY, NG_PORT);
    }

    private NsUdpProcess party(String address) throws Exception {
        NsUdpProcess p = NsUdpProcess.start(host, address, 0);
        open.add(p);
        return p;
    }

    /** Offer and answer between the two parties; the relay ports {caller sends to, callee sends to}. */
    private static int[] call(NsNg proxy, String callId, NsUdpProcess caller, NsUdpProcess callee) {
        Map<String, Object> offer = NsNg.command("offer", callId);
        offer.put("sdp", NsNg.audioSdp(CALLER, caller.port()));
        String toCallee = NsNg.sdpOf(proxy.request(offer));
        Map<String, Object> answer = NsNg.command("answer", callId);
        answer.put("to-tag", "callee");
        answer.put("sdp", NsNg.audioSdp(CALLEE, callee.port()));
        String toCaller = NsNg.sdpOf(proxy.request(answer));
        return new int[] {NsNg.audioPort(toCaller), NsNg.audioPort(toCallee)};
    }

    private String table(long pid) throws Exception {
        return tables().stream().filter(t -> t.startsWith("mediarelay-" + pid + "-")).findFirst()
                .orElseThrow(() -> new AssertionError("no table of process " + pid));
    }

    private List<String> tables() throws Exception {
        return NetNamespace.run(host.exec(List.of("nft", "list", "tables", "ip"))).lines()
                .map(l -> l.replace("table ip ", "").strip()).toList();
    }

    private static long heard(NsUdpProcess peer, long ssrc) {
        return peer.received().stream().filter(r -> r.ssrc() == ssrc).count();
    }
}
