package org.mediarelay.node.forward;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.UnixChannel;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * A media socket that is a Netty channel, for the transports without an {@link EpollSocket} (NIO where epoll is
 * missing, io_uring when asked for). It is its channel's only handler; a send is a write, due at the next
 * {@link #flush} (after each read batch).
 */
final class ChannelSocket extends ChannelInboundHandlerAdapter implements MediaSocket {

    private static final System.Logger LOG = System.getLogger(ChannelSocket.class.getName());

    private final Channel channel;
    private Receiver receiver;
    private boolean flushPending;

    ChannelSocket(Channel channel) {
        this.channel = channel;
    }

    @Override
    public int localPort() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void discardWaiting(int max) {
        if (channel instanceof UnixChannel unix) {
            DataPlane.discardWaiting(unix.fd(), max);
        }
    }

    @Override
    public void start(EventLoop loop, Receiver receiver) {
        this.receiver = receiver;
        channel.pipeline().addLast(this);
        loop.register(channel);
    }

    @Override
    public Sent send(ByteBuf datagram, InetSocketAddress destination) {
        if (!channel.isOpen()) {
            return Sent.CLOSED;
        }
        if (!channel.isWritable()) {
            return Sent.BUFFER_FULL;
        }
        // The write releases its own reference when done; the caller's stays the caller's. A datagram that does not
        // start at its buffer's first byte goes as a slice that does: Netty's io_uring channel (4.2.10) sends from the
        // buffer's start whatever its reader index (DataPlaneTest).
        ByteBuf own = datagram.readerIndex() == 0 ? datagram.retain() : datagram.retainedSlice();
        channel.write(new DatagramPacket(own, destination), channel.voidPromise());
        flushPending = true;
        return Sent.SENT;
    }

    @Override
    public void flush() {
        if (flushPending) {
            flushPending = false;
            channel.flush();
        }
    }

    @Override
    public CompletableFuture<Void> closeOnLoop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        channel.close().addListener(f -> done.complete(null));
        return done;
    }

    @Override
    public void abandon() {
        channel.unsafe().closeForcibly();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket packet = (DatagramPacket) msg;
        try {
            receiver.received(packet.content(), packet.sender());
        } finally {
            packet.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        receiver.readComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A send to a party that went away (ICMP port unreachable) surfaces here; the call goes on.
        LOG.log(Level.DEBUG, () -> "port " + localPort() + ": " + cause);
    }
}
