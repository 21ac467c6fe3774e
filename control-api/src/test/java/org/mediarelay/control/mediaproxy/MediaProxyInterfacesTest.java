package org.mediarelay.control.mediaproxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.control.DispatcherFixture;
import org.mediarelay.control.access.Cidr;
import org.mediarelay.control.access.SourceAllowList;
import org.mediarelay.control.metrics.ControlMetrics;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.testing.UdpPeer;

/**
 * OpenSIPS' {@code $avp(mp_media_relay)} choosing the relay's media interfaces: {@code SENDER,RECEIVER} as ng's
 * {@code direction}, over a real UNIX socket to a relay with {@code internal} (127.0.0.1) and {@code external}
 * (127.0.0.2); media then crosses between the two.
 */
@ExtendWith(VertxExtension.class)
class MediaProxyInterfacesTest {

    @TempDir
    Path data;

    private DispatcherFixture core;
    private OpenSipsWorker opensips;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        core = DispatcherFixture.start(vertx, data, List.of(
                new MediaInterface("internal", InetAddress.getByName("127.0.0.1"), "127.0.0.1", TestPorts.block(8)),
                new MediaInterface("external", InetAddress.getByName("127.0.0.2"), "127.0.0.2", TestPorts.block(8))));
        Path socket = data.resolve("dispatcher.sock");
        DispatcherFixture.await(vertx.deployVerticle(new MediaProxyVerticle(Optional.of(socket), Optional.empty(),
                new MpHandler(core.dispatcher, Clock.systemUTC(), new ControlMetrics()),
                new SourceAllowList(List.of(Cidr.parse("127.0.0.0/8"))))));
        opensips = new OpenSipsWorker(socket);
    }

    @AfterEach
    void stop() throws Exception {
        opensips.close();
        core.stop();
    }

    private String send(String request) throws Exception {
        return opensips.send(request);
    }

    private static String update(String type, String toTag, String mediaRelay, String media) {
        return "update\r\ntype: " + type + "\r\ncall_id: mp-if@192.0.2.10\r\ncseq: 1\r\nfrom_uri: alice@example.com\r\n"
                + "to_uri: bob@example.com\r\nfrom_tag: alice\r\nto_tag: " + toTag + "\r\nuser_agent: test\r\n"
                + "signaling_ip: 127.0.0.1\r\nmedia_relay: " + mediaRelay + "\r\nmedia: " + media + "\r\n\r\n";
    }

    @Test
    void media_relay_naming_two_interfaces_puts_each_party_on_its_own_and_media_crosses() throws Exception {
        try (UdpPeer caller = new UdpPeer(InetAddress.getByName("127.0.0.11"));
             UdpPeer callee = new UdpPeer(InetAddress.getByName("127.0.0.12"))) {
            String[] toCallee = send(update("request", "", "internal,external",
                    "audio:127.0.0.11:" + caller.port() + ":sendrecv:ice=no")).split(" ");
            assertEquals("127.0.0.2", toCallee[0], "the request's reply names the interface facing the callee");
            String[] toCaller = send(update("reply", "bob", "internal,external",
                    "audio:127.0.0.12:" + callee.port() + ":sendrecv:ice=no")).split(" ");
            assertEquals("127.0.0.1", toCaller[0], "the reply's reply names the one facing the caller");

            byte[] rtp = UdpPeer.rtp(1, 0x1234);
            caller.send(rtp, new InetSocketAddress("127.0.0.1", Integer.parseInt(toCaller[1])));
            UdpPeer.Received atCallee = callee.receive().orElseThrow();
            assertArrayEquals(rtp, atCallee.payload());
            assertEquals(new InetSocketAddress("127.0.0.2", Integer.parseInt(toCallee[1])), atCallee.from());
        }
    }

    @Test
    void media_relay_naming_an_interface_the_relay_lacks_gets_error_and_keeps_nothing() throws Exception {
        assertEquals("error", send(update("request", "", "internal,dmz", "audio:127.0.0.11:4000:sendrecv:ice=no")));
        assertEquals(0, core.dispatcher.sessionCount());
    }
}
