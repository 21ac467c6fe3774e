package org.mediarelay.node.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mediarelay.node.testing.UdpQueues;

/**
 * Sockets bound on the caller's thread, then handed to a media loop: with every transport the relay can use, a
 * socket receives once registered; a taken port fails the bind with the OS's reason; an abandoned socket frees its
 * port at once; what reached a socket before it joined its loop can be dropped.
 */
class DataPlaneTest {

    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private DataPlane plane;

    @AfterEach
    void shutdown() throws Exception {
        if (plane != null) {
            plane.shutdown().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    /** Hands each datagram's payload to a queue. */
    private static final class Collect extends ChannelInboundHandlerAdapter {
        final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            DatagramPacket p = (DatagramPacket) msg;
            received.add(ByteBufUtil.getBytes(p.content()));
            p.release();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataPlane.Transport.class, names = {"EPOLL", "IO_URING", "NIO"})
    void a_socket_bound_on_the_callers_thread_receives_once_registered_on_its_loop(DataPlane.Transport transport)
            throws Exception {
        plane = new DataPlane(1, transport);
        // A transport this kernel lacks falls back to another, which its own case covers.
        assumeTrue(plane.transport().equals(transport.name().toLowerCase(Locale.ROOT)), plane.transport());
        Collect handler = new Collect();
        Channel channel = plane.bindHere(ANY_LOOPBACK_PORT);
        channel.pipeline().addLast(handler);
        int port = ((InetSocketAddress) channel.localAddress()).getPort();
        assertTrue(port > 0, "bound before any loop saw it: " + plane.transport());
        plane.register(plane.loops().get(0), channel);

        byte[] payload = ("via " + plane.transport()).getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket peer = new DatagramSocket(ANY_LOOPBACK_PORT)) {
            peer.send(new java.net.DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
            byte[] got = handler.received.poll(5, TimeUnit.SECONDS);
            assertNotNull(got, "nothing received with " + plane.transport());
            assertArrayEquals(payload, got);
        }
        channel.close().sync();
    }

    @Test
    void a_port_another_socket_holds_fails_the_bind_with_the_os_reason() throws Exception {
        plane = new DataPlane(1);
        try (DatagramSocket squatter = new DatagramSocket(ANY_LOOPBACK_PORT)) {
            IOException e = assertThrows(IOException.class,
                    () -> plane.bindHere((InetSocketAddress) squatter.getLocalSocketAddress()));
            assertTrue(e.getMessage().endsWith("Address already in use"), e.getMessage());
        }
    }

    @Test
    void an_abandoned_socket_that_never_joined_a_loop_frees_its_port_at_once() throws Exception {
        plane = new DataPlane(1);
        Channel channel = plane.bindHere(ANY_LOOPBACK_PORT);
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();

        plane.abandon(channel);

        try (DatagramSocket next = new DatagramSocket(bound)) {
            assertEquals(bound.getPort(), next.getLocalPort());
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataPlane.Transport.class, names = {"EPOLL", "IO_URING"})
    @Timeout(30)
    void datagrams_that_reached_a_socket_before_it_joined_a_loop_are_discarded_and_later_ones_received(
            DataPlane.Transport transport) throws Exception {
        plane = new DataPlane(1, transport);
        assumeTrue(plane.transport().equals(transport.name().toLowerCase(Locale.ROOT)), plane.transport());
        assertTrue(plane.bindsAhead(), "a native transport can empty a socket it binds ahead");
        Collect handler = new Collect();
        Channel channel = plane.bindHere(ANY_LOOPBACK_PORT);
        channel.pipeline().addLast(handler);
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        try (DatagramSocket peer = new DatagramSocket(ANY_LOOPBACK_PORT)) {
            // The kernel charges each datagram of one size the same: all twenty are in once the queue is 20 times one.
            send(peer, "stale 00", bound);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> UdpQueues.bytesWaiting(bound.getPort()) > 0);
            long one = UdpQueues.bytesWaiting(bound.getPort());
            for (int i = 1; i < 20; i++) {
                send(peer, String.format("stale %02d", i), bound);
            }
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> UdpQueues.bytesWaiting(bound.getPort()) == 20 * one);

            plane.discardWaiting(channel);
            assertEquals(0, UdpQueues.bytesWaiting(bound.getPort()), "nothing left in the socket");
            plane.register(plane.loops().get(0), channel);
            send(peer, "fresh", bound);

            byte[] got = handler.received.poll(5, TimeUnit.SECONDS);
            assertNotNull(got, "the datagram sent after the start was not received");
            assertEquals("fresh", new String(got, StandardCharsets.US_ASCII));
            assertNull(handler.received.poll(200, TimeUnit.MILLISECONDS), "a stale datagram was delivered");
        }
        channel.close().sync();
    }

    @Test
    void nio_binds_on_demand_only_as_it_cannot_empty_a_socket_bound_ahead() {
        plane = new DataPlane(1, DataPlane.Transport.NIO);
        assertFalse(plane.bindsAhead());
    }

    private static void send(DatagramSocket from, String text, InetSocketAddress to) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        from.send(new java.net.DatagramPacket(b, b.length, to));
    }
}
