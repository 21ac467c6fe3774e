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
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The media threads and how media sockets are made: native epoll where available (fewer copies, fewer allocations),
 * NIO elsewhere. Separate from Vert.x's event loops, so control traffic never queues behind media and vice versa.
 */
public final class DataPlane {

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
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("mediarelay-media", true);
        if (Epoll.isAvailable()) {
            group = new MultiThreadIoEventLoopGroup(threads, threadFactory, EpollIoHandler.newFactory());
            channelType = EpollDatagramChannel.class;
            transport = "epoll";
        } else {
            group = new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory());
            channelType = NioDatagramChannel.class;
            transport = "nio";
        }
    }

    /** {@code epoll} or {@code nio}. */
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
        return new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(handler)
                .bind(local);
    }

    public CompletionStage<Void> shutdown() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(f -> done.complete(null));
        return done;
    }
}
