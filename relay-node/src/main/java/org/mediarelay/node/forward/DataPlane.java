package org.mediarelay.node.forward;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The media threads and how media sockets are made: native epoll by default (fewer copies, fewer allocations),
 * io_uring when asked for, NIO where neither is available. Separate from Vert.x's event loops, so control traffic
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
    /** Kernel socket buffers: 256 KiB absorbs a ~50 ms burst at 100 Mbit/s per socket (rmem_max here is 4 MiB). */
    static final int SOCKET_BUFFER = 256 * 1024;

    private final EventLoopGroup group;
    private final Class<? extends DatagramChannel> channelType;
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
            channelType = IoUringDatagramChannel.class;
            transport = "io_uring";
        } else if (epoll) {
            group = new MultiThreadIoEventLoopGroup(threads, threadFactory, EpollIoHandler.newFactory());
            channelType = EpollDatagramChannel.class;
            transport = "epoll";
        } else {
            group = new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory());
            channelType = NioDatagramChannel.class;
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

    ChannelFuture bind(EventLoop loop, InetSocketAddress local, ChannelHandler handler) {
        // A socket of the bind address's own family: an IPv4 relay takes the kernel's IPv4 path, not the v4-mapped one.
        SocketProtocolFamily family = local.getAddress() instanceof Inet4Address
                ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
        Bootstrap b = new Bootstrap().group(loop).channelFactory(() -> newChannel(family))
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(handler);
        if (channelType == EpollDatagramChannel.class) {
            // Level-triggered: a socket with one datagram waiting is read once, not read again until EAGAIN (one system
            // call per datagram instead of two; measured with the shared harness).
            b.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
        }
        return b.bind(local);
    }

    private DatagramChannel newChannel(SocketProtocolFamily family) {
        if (channelType == IoUringDatagramChannel.class) {
            return new IoUringDatagramChannel(family);
        }
        if (channelType == EpollDatagramChannel.class) {
            return new EpollDatagramChannel(family);
        }
        return new NioDatagramChannel(family);
    }

    public CompletionStage<Void> shutdown() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(f -> done.complete(null));
        return done;
    }
}
