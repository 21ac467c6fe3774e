package org.mediarelay.node.forward;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The media threads and how media sockets are made: native epoll by default, each socket's descriptor on its loop's
 * epoll with no channel around it ({@link EpollSocket}); a Netty channel per socket with io_uring when asked for, and
 * with NIO where epoll is not available ({@link ChannelSocket}). Separate from Vert.x's event loops, so control traffic
 * never queues behind media and vice versa.
 */
public final class DataPlane {

    /** The socket I/O a data plane uses. */
    public enum Transport {
        /**
         * Epoll, else NIO. (Netty's io_uring datagram channel cost more CPU per packet than epoll on the benchmark
         * machine, so it is used only when asked for.)
         */
        AUTO,
        IO_URING,
        EPOLL,
        NIO;

        public static Transport fromToken(String token) {
            return valueOf(token.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * Receive buffer per datagram: an Ethernet MTU (1500) less IP and UDP headers fits with room to spare; larger
     * datagrams (rare jumbo video) would be truncated.
     */
    static final int MAX_DATAGRAM = 2048;

    /**
     * One allocator for every channel socket: each channel takes its own handle from it (as Netty's default allocator
     * is one shared instance), so a held call's four sockets do not carry four copies.
     */
    private static final FixedRecvByteBufAllocator RECEIVE = new FixedRecvByteBufAllocator(MAX_DATAGRAM);

    /** Kernel socket buffers: 256 KiB absorbs a ~50 ms burst at 100 Mbit/s per socket (rmem_max here is 4 MiB). */
    static final int SOCKET_BUFFER = 256 * 1024;
    /** More datagrams than a {@link #SOCKET_BUFFER} holds (the kernel charges at least ~768 bytes for each). */
    private static final int MAX_DISCARDED = 1024;
    /** One byte per thread to read stale datagrams into (a datagram read into a smaller buffer is cut short). */
    private static final ThreadLocal<ByteBuffer> SINK = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1));

    private final EventLoopGroup group;
    /** EPOLL, IO_URING or NIO: the one in use. */
    private final Transport kind;
    private final String transport;

    public DataPlane(int threads) {
        this(threads, Transport.AUTO);
    }

    public DataPlane(int threads, Transport wanted) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("mediarelay-media", true);
        boolean uring = wanted == Transport.IO_URING && IoUring.isAvailable();
        boolean epoll = !uring && wanted != Transport.NIO && Epoll.isAvailable();
        if (uring) {
            group = new MultiThreadIoEventLoopGroup(threads, threadFactory, IoUringIoHandler.newFactory());
            kind = Transport.IO_URING;
            transport = "io_uring";
        } else if (epoll) {
            group = new MultiThreadIoEventLoopGroup(threads, threadFactory, EpollIoHandler.newFactory());
            kind = Transport.EPOLL;
            transport = "epoll";
        } else {
            group = new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory());
            kind = Transport.NIO;
            transport = "nio";
        }
    }

    /** {@code io_uring}, {@code epoll} or {@code nio}. */
    public String transport() {
        return transport;
    }

    /** Every media loop: sessions are spread over them, each session's sockets and timers on one. */
    public List<EventLoop> loops() {
        List<EventLoop> loops = new ArrayList<>();
        group.forEach(e -> loops.add((EventLoop) e));
        return loops;
    }

    /**
     * A socket bound to {@code local} on the calling thread, not on any loop yet: binding costs the caller a few system
     * calls and no hand-off to a media loop. Fails with the OS's reason, leaving nothing open: an {@link IOException}
     * when the port cannot be bound (e.g. it is taken), a {@link SocketOpenException} when no socket can be made (e.g.
     * the open-file limit). {@link MediaSocket#start} then puts it on its loop; until then nothing reads it, and a
     * socket that is never started must be let go with {@link MediaSocket#abandon}.
     */
    MediaSocket bindHere(InetSocketAddress local) throws IOException {
        if (kind == Transport.NIO) {
            return new ChannelSocket(nioChannel(local));
        }
        Socket socket = NativeDatagramSocket.bound(local, SOCKET_BUFFER);
        if (kind == Transport.EPOLL) {
            return new EpollSocket(socket);
        }
        Channel channel = new IoUringDatagramChannel(socket.intValue());
        channel.config().setOption(ChannelOption.RECVBUF_ALLOCATOR, RECEIVE);
        return new ChannelSocket(channel);
    }

    private static Channel nioChannel(InetSocketAddress local) throws IOException {
        java.nio.channels.DatagramChannel socket;
        try {
            socket = java.nio.channels.DatagramChannel.open(local.getAddress() instanceof Inet4Address
                    ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
        } catch (IOException e) {
            throw new SocketOpenException(e);
        }
        try {
            socket.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
            socket.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
            socket.bind(local);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        Channel channel = new NioDatagramChannel(socket);
        channel.config().setOption(ChannelOption.RECVBUF_ALLOCATOR, RECEIVE);
        return channel;
    }

    /**
     * Whether sockets can be bound ahead of use: only where {@link #discardWaiting} can empty them (the native
     * transports), so that a socket bound long ago starts its stream with nothing in it.
     */
    boolean bindsAhead() {
        return kind != Transport.NIO;
    }

    /**
     * Drops the datagrams waiting in a socket from {@link #bindHere} that is not on a loop yet, on the calling thread:
     * whatever reached a port before the relay told anyone about it is stale (a late packet of the port's previous
     * call) or a stranger's. At most {@link #MAX_DISCARDED} (a socket buffer's worth), so that a flood cannot hold the
     * caller; nothing with NIO (see {@link #bindsAhead}).
     */
    void discardWaiting(MediaSocket socket) {
        socket.discardWaiting(MAX_DISCARDED);
    }

    /** Reads each waiting datagram into one byte, so discarding it whole; at most {@code max}. */
    static void discardWaiting(FileDescriptor fd, int max) {
        ByteBuffer sink = SINK.get();
        try {
            // read() is 0 once nothing is left (the socket is non-blocking); any other result consumed a datagram.
            int discarded = 0;
            while (discarded < max && fd.read(sink, 0, 1) != 0) {
                discarded++;
            }
        } catch (IOException e) {
            // A pending socket error: the socket meets it again on its first read and handles it there.
        }
    }

    public CompletionStage<Void> shutdown() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(f -> done.complete(null));
        return done;
    }
}
