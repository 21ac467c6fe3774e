package org.mediarelay.node.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sockets bound on the caller's thread, then handed to a media loop: with every transport the relay can use, a
 * socket receives once registered; a taken port fails the bind with the OS's reason; an abandoned socket frees its
 * port at once.
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
        Channel channel = plane.bindHere(ANY_LOOPBACK_PORT, handler);
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
                    () -> plane.bindHere((InetSocketAddress) squatter.getLocalSocketAddress(), new Collect()));
            assertTrue(e.getMessage().endsWith("Address already in use"), e.getMessage());
        }
    }

    @Test
    void an_abandoned_socket_that_never_joined_a_loop_frees_its_port_at_once() throws Exception {
        plane = new DataPlane(1);
        Channel channel = plane.bindHere(ANY_LOOPBACK_PORT, new Collect());
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();

        plane.abandon(channel);

        try (DatagramSocket next = new DatagramSocket(bound)) {
            assertEquals(bound.getPort(), next.getLocalPort());
        }
    }
}
