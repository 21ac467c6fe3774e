package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.testing.UdpPeer;

/**
 * The live page in a real browser (Debian's headless Chromium) against {@code ./mediarelay start} with a bearer token:
 * the page asks for the token, shows a call the test started, updates its counters while RTP flows, shows the call's
 * own page with its latched addresses, and drains the node from a button.
 */
class WebPageChromiumTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));
    private static final String TOKEN = "web-page-token-0123456789";
    private static final Duration UP_TO = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private static String text(Chromium browser, String selector) throws Exception {
        Object v = browser.eval("(() => { const e = document.querySelector(" + jsString(selector)
                + "); return e ? e.textContent : null; })()");
        return v == null ? null : v.toString();
    }

    /** A JavaScript string literal of {@code s} (a JSON string is one). */
    private static String jsString(String s) {
        return Json.encode(s);
    }

    private static void click(Chromium browser, String selector) throws Exception {
        browser.eval("document.querySelector(" + jsString(selector) + ").click()");
    }

    private static void awaitText(Chromium browser, String selector, String expected) {
        await().atMost(UP_TO).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> expected.equals(text(browser, selector)));
    }

    private static void sendRtp(UdpPeer from, UdpPeer to, InetSocketAddress relay, int first, int count) {
        for (int seq = first; seq < first + count; seq++) {
            from.send(UdpPeer.rtp(seq, 0xB0B), relay);
            assertTrue(to.receive().isPresent(), "RTP " + seq + " crosses the relay");
        }
    }

    @Test
    void the_page_asks_for_the_token_shows_a_live_call_updates_its_counters_and_drains_the_node() throws Exception {
        String nodeId = "web-" + Long.toHexString(System.nanoTime());
        String callId = "web-call-" + UUID.randomUUID();
        Files.createDirectories(work.resolve("logs"));
        try (RelayProcess relay = RelayProcess.start(ROOT, THIS_JDK, work.resolve("logs"), List.of(
                "--ng.listen=127.0.0.1:0", "--http.listen=127.0.0.1:0", "--media.ports=" + TestPorts.block(16),
                "--data.dir=" + work.resolve("data"), "--node.id=" + nodeId, "--http.tokens=" + TOKEN,
                "--cluster.name=web-" + UUID.randomUUID()));
             UdpPeer alice = new UdpPeer(); UdpPeer bob = new UdpPeer();
             Ng ng = new Ng(new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.ngPort()));
             Chromium browser = Chromium.start(work.resolve("profile"))) {
            String base = "http://127.0.0.1:" + relay.httpPort() + "/";
            InetSocketAddress toBob = Calls.rtpTarget(ng.sdp(ng.request("offer", "call-id", callId, "from-tag", "alice",
                    "sdp", Calls.blinkOfferFrom(alice, alice))));
            InetSocketAddress toAlice = Calls.rtpTarget(ng.sdp(ng.request("answer", "call-id", callId,
                    "from-tag", "alice", "to-tag", "bob", "sdp", Calls.answerFrom(bob, bob))));
            sendRtp(alice, bob, toAlice, 1, 10);

            // Without a token the feed answers 401: the page asks for one, which is typed in as a user would.
            browser.open(base);
            awaitText(browser, "#feed", "token needed");
            browser.eval("document.querySelector('#token').focus()");
            browser.type(TOKEN);
            click(browser, "#token-form button");
            awaitText(browser, "#feed", "live");

            String row = "tr[data-call=\"" + callId + "\"] ";
            awaitText(browser, row + ".packets-from-caller", "10");
            assertEquals("0", text(browser, row + ".packets-from-callee"));
            assertEquals("one-way", text(browser, row + ".path"));
            sendRtp(bob, alice, toBob, 1, 7);
            sendRtp(alice, bob, toAlice, 11, 15);
            awaitText(browser, row + ".packets-from-caller", "25");
            awaitText(browser, row + ".packets-from-callee", "7");
            awaitText(browser, row + ".path", "relayed");

            // The call's own page: each direction with the source the relay latched to.
            click(browser, row + "a");
            String alicesRow = "#streams tr[data-from=\"caller\"] ";
            awaitText(browser, alicesRow + ".latched", "127.0.0.1:" + alice.port());
            awaitText(browser, "#streams tr[data-from=\"callee\"] .latched", "127.0.0.1:" + bob.port());
            assertEquals("25", text(browser, alicesRow + ".packets"));

            // Back on the overview, drain the node: the first click arms the button, the second drains.
            browser.eval("location.hash = '#/'");
            String drain = "button[data-node=\"" + nodeId + "\"]";
            awaitText(browser, drain, "Drain");
            click(browser, drain);
            awaitText(browser, drain, "Confirm drain");
            click(browser, drain);
            awaitText(browser, "tr[data-node=\"" + nodeId + "\"] .state", "draining");
            HttpResponse<String> nodes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "v1/nodes"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("draining", new JsonObject(nodes.body()).getJsonArray("nodes").getJsonObject(0)
                    .getString("state"), "the relay itself is draining");
            assertTrue(relay.isAlive(), "a draining relay keeps its open call");
        }
    }
}
