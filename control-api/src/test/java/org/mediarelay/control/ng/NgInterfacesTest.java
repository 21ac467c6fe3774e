package org.mediarelay.control.ng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.testing.UdpPeer;

/**
 * ng's {@code direction}, {@code from-interface}/{@code to-interface}, {@code interface} and {@code address-family}
 * over real UDP to a relay with interfaces {@code internal} (127.0.0.1) and {@code external} (127.0.0.2 and ::1).
 */
@ExtendWith(VertxExtension.class)
class NgInterfacesTest {

    @TempDir
    Path data;

    private NgFixture fixture;
    private NgClient client;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        fixture = NgFixture.start(vertx, data, List.of(
                new MediaInterface("internal", InetAddress.getByName("127.0.0.1"), "127.0.0.1", TestPorts.block(8)),
                new MediaInterface("external", InetAddress.getByName("127.0.0.2"), "127.0.0.2", TestPorts.block(8)),
                new MediaInterface("external", InetAddress.getByName("::1"), "::1", TestPorts.block(8))));
        client = new NgClient(fixture.udp, Duration.ofSeconds(2), 1);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        fixture.stop();
    }

    private Map<String, Object> request(Object... kv) throws Exception {
        return client.request(NgDicts.of(kv)).orElseThrow(() -> new AssertionError("no reply"));
    }

    private static String sdp(String address, int port) {
        String family = address.indexOf(':') >= 0 ? "IP6" : "IP4";
        return "v=0\r\no=- 1 1 IN " + family + " " + address + "\r\ns=-\r\nc=IN " + family + " " + address
                + "\r\nt=0 0\r\nm=audio " + port + " RTP/AVP 0\r\n";
    }

    private static int port(String sdp) {
        int m = sdp.indexOf("m=audio ") + "m=audio ".length();
        return Integer.parseInt(sdp.substring(m, sdp.indexOf(' ', m)));
    }

    @Test
    void direction_puts_each_side_on_its_interface_and_media_crosses_between_them() throws Exception {
        try (UdpPeer caller = new UdpPeer(InetAddress.getByName("127.0.0.11"));
             UdpPeer callee = new UdpPeer(InetAddress.getByName("127.0.0.12"))) {
            Map<String, Object> offer = request("command", "offer", "call-id", "dir-1", "from-tag", "a",
                    "sdp", sdp("127.0.0.11", caller.port()), "direction", List.of("internal", "external"));
            String toCallee = NgDicts.text(offer, "sdp");
            assertTrue(toCallee.contains("c=IN IP4 127.0.0.2\r\n"), toCallee);
            assertEquals(null, NgDicts.text(offer, "warning"));
            String toCaller = NgDicts.text(request("command", "answer", "call-id", "dir-1", "from-tag", "a",
                    "to-tag", "b", "sdp", sdp("127.0.0.12", callee.port())), "sdp");
            assertTrue(toCaller.contains("c=IN IP4 127.0.0.1\r\n"), toCaller);

            byte[] rtp = UdpPeer.rtp(1, 0xA);
            caller.send(rtp, new InetSocketAddress("127.0.0.1", port(toCaller)));
            UdpPeer.Received atCallee = callee.receive().orElseThrow();
            assertArrayEquals(rtp, atCallee.payload());
            assertEquals(new InetSocketAddress("127.0.0.2", port(toCallee)), atCallee.from());
        }
    }

    @Test
    void to_interface_and_address_family_give_an_ipv6_receiver_the_relays_ipv6_address() throws Exception {
        Map<String, Object> offer = request("command", "offer", "call-id", "fam-1", "from-tag", "a",
                "sdp", sdp("127.0.0.11", 4000), "to-interface", "external", "address-family", "IP6");
        assertTrue(NgDicts.text(offer, "sdp").contains("c=IN IP6 ::1\r\n"), NgDicts.text(offer, "sdp"));
        assertEquals(null, NgDicts.text(offer, "warning"));
        Map<String, Object> both = request("command", "offer", "call-id", "fam-2", "from-tag", "a",
                "sdp", sdp("127.0.0.11", 4000), "interface", "external");
        assertTrue(NgDicts.text(both, "sdp").contains("c=IN IP4 127.0.0.2\r\n"), NgDicts.text(both, "sdp"));
    }

    @Test
    void kamailios_direction_flags_in_rtpp_flags_choose_the_same_way() throws Exception {
        Map<String, Object> offer = request("command", "offer", "call-id", "rtpp-1", "from-tag", "a",
                "sdp", sdp("127.0.0.11", 4000), "rtpp_flags", "replace-origin direction=internal direction=external");
        assertTrue(NgDicts.text(offer, "sdp").contains("c=IN IP4 127.0.0.2\r\n"), NgDicts.text(offer, "sdp"));
    }

    @Test
    void a_bad_direction_or_an_unknown_interface_is_an_error_that_says_why() throws Exception {
        Map<String, Object> one = request("command", "offer", "call-id", "bad-1", "from-tag", "a",
                "sdp", sdp("127.0.0.11", 4000), "direction", List.of("internal"));
        assertEquals("error", NgDicts.text(one, "result"));
        assertEquals("key 'direction' must list two interfaces (the sender's side, then the receiver's), not 1",
                NgDicts.text(one, "error-reason"));
        Map<String, Object> unknown = request("command", "offer", "call-id", "bad-2", "from-tag", "a",
                "sdp", sdp("127.0.0.11", 4000), "direction", List.of("internal", "dmz"));
        assertEquals("error", NgDicts.text(unknown, "result"));
        assertEquals("no relay node has media interface 'dmz' (they have internal/127.0.0.1, external/127.0.0.2, "
                + "external/::1)", NgDicts.text(unknown, "error-reason"));
        assertEquals(0, fixture.dispatcher.sessionCount(), "nothing kept of refused offers");
    }
}
