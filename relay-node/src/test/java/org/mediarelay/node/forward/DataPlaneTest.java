package org.mediarelay.node.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
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
    private static final class Collect implements MediaSocket.Receiver {
        final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        final BlockingQueue<InetSocketAddress> senders = new LinkedBlockingQueue<>();

        @Override
        public void received(ByteBuf datagram, InetSocketAddress sender) {
            received.add(ByteBufUtil.getBytes(datagram));
            senders.add(sender);
        }

        @Override
        public void readComplete() {
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
        MediaSocket socket = plane.bindHere(ANY_LOOPBACK_PORT);
        int port = socket.localPort();
        assertTrue(port > 0, "bound before any loop saw it: " + plane.transport());
        socket.start(plane.loops().get(0), handler);

        byte[] payload = ("via " + plane.transport()).getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket peer = new DatagramSocket(ANY_LOOPBACK_PORT)) {
            peer.send(new java.net.DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
            byte[] got = handler.received.poll(5, TimeUnit.SECONDS);
            assertNotNull(got, "nothing received with " + plane.transport());
            assertArrayEquals(payload, got);
            assertEquals(peer.getLocalPort(), handler.senders.take().getPort(), "the sender's port");
        }
        closeOnLoop(socket);
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
        MediaSocket socket = plane.bindHere(ANY_LOOPBACK_PORT);
        InetSocketAddress bound = new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.localPort());

        socket.abandon();

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
        MediaSocket socket = plane.bindHere(ANY_LOOPBACK_PORT);
        InetSocketAddress bound = new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.localPort());
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

            plane.discardWaiting(socket);
            assertEquals(0, UdpQueues.bytesWaiting(bound.getPort()), "nothing left in the socket");
            socket.start(plane.loops().get(0), handler);
            send(peer, "fresh", bound);

            byte[] got = handler.received.poll(5, TimeUnit.SECONDS);
            assertNotNull(got, "the datagram sent after the start was not received");
            assertEquals("fresh", new String(got, StandardCharsets.US_ASCII));
            assertNull(handler.received.poll(200, TimeUnit.MILLISECONDS), "a stale datagram was delivered");
        }
        closeOnLoop(socket);
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

    @ParameterizedTest
    @EnumSource(value = DataPlane.Transport.class, names = {"EPOLL", "IO_URING", "NIO"})
    void a_started_socket_sends_the_readable_bytes_and_leaves_the_callers_buffer_as_it_was(
            DataPlane.Transport transport) throws Exception {
        plane = new DataPlane(1, transport);
        assumeTrue(plane.transport().equals(transport.name().toLowerCase(Locale.ROOT)), plane.transport());
        MediaSocket socket = plane.bindHere(ANY_LOOPBACK_PORT);
        socket.start(plane.loops().get(0), new Collect());
        try (DatagramSocket peer = new DatagramSocket(ANY_LOOPBACK_PORT)) {
            peer.setSoTimeout(5000);
            ByteBuf buf = Unpooled.directBuffer(64).writeBytes("xxpayload".getBytes(StandardCharsets.US_ASCII));
            buf.readerIndex(2);
            MediaSocket.Sent sent = onLoop(() -> {
                MediaSocket.Sent s = socket.send(buf, (InetSocketAddress) peer.getLocalSocketAddress());
                socket.flush();
                return s;
            });
            assertEquals(MediaSocket.Sent.SENT, sent);
            java.net.DatagramPacket got = new java.net.DatagramPacket(new byte[64], 64);
            peer.receive(got);
            assertEquals("payload", new String(got.getData(), 0, got.getLength(), StandardCharsets.US_ASCII));
            assertEquals(socket.localPort(), got.getPort(), "sent from the socket's own port");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> buf.refCnt() == 1);
            assertEquals(2, buf.readerIndex(), "the caller's buffer is left as it was");
            buf.release();
        }
        closeOnLoop(socket);
    }

    @Test
    void a_send_the_os_refuses_is_failed_not_sent() throws Exception {
        plane = new DataPlane(1, DataPlane.Transport.EPOLL);
        assumeTrue(plane.transport().equals("epoll"), plane.transport());
        MediaSocket socket = plane.bindHere(ANY_LOOPBACK_PORT);
        socket.start(plane.loops().get(0), new Collect());
        ByteBuf buf = Unpooled.directBuffer(8).writeLong(1);
        // An IPv4 socket cannot reach an IPv6 destination: the kernel refuses the send (EAFNOSUPPORT or EINVAL).
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 9);
        assertEquals(MediaSocket.Sent.FAILED, onLoop(() -> socket.send(buf, v6)));
        buf.release();
        closeOnLoop(socket);
    }

    @Test
    void a_closed_socket_sends_nothing_and_frees_its_port() throws Exception {
        plane = new DataPlane(1);
        MediaSocket socket = plane.bindHere(ANY_LOOPBACK_PORT);
        socket.start(plane.loops().get(0), new Collect());
        int port = socket.localPort();
        closeOnLoop(socket);
        ByteBuf buf = Unpooled.directBuffer(8).writeLong(1);
        assertEquals(MediaSocket.Sent.CLOSED, onLoop(() -> socket.send(buf, new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 9))));
        buf.release();
        try (DatagramSocket next = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            assertEquals(port, next.getLocalPort());
        }
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return plane.loops().get(0).submit(task).get(5, TimeUnit.SECONDS);
    }

    private void closeOnLoop(MediaSocket socket) throws Exception {
        onLoop(() -> socket.closeOnLoop()).get(5, TimeUnit.SECONDS);
    }
}
