package org.mediarelay.control.ng;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.SocketAddress;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import org.mediarelay.control.ListenFailure;
import org.mediarelay.control.access.SourceAllowList;
import org.mediarelay.control.config.HostPort;
import org.mediarelay.node.api.IpLiteral;

/**
 * The ng protocol over UDP, as Kamailio's and OpenSIPS' {@code rtpengine} modules speak it: one request per datagram,
 * the reply sent from the same socket to the request's source.
 *
 * <p>A request is as large as its SDP: WebRTC and video offers are 3–8 kB, and a datagram can carry up to 65,507
 * bytes (IPv4; 65,527 over IPv6). A datagram read into a smaller buffer is cut short by the kernel and the rest is
 * lost, so every read must have room for the largest one. Vert.x's datagram socket reads each datagram into a newly
 * allocated buffer of a fixed size (Netty's default, 2048 bytes: longer requests were cut and answered
 * {@code invalid bencode: truncated}). Here the socket is a Netty channel on this verticle's own event loop that reads
 * every datagram into one buffer of {@link ReusedReceiveBuffer#SIZE} bytes, allocated once: the request's bytes are
 * copied out before the next read, so a large buffer costs nothing per request.
 *
 * <p>While the process cannot read (a collection, a safepoint, a core taken by another process) requests wait in the
 * socket's kernel buffer, and what does not fit is dropped: the proxy waits for its retransmission timer. The socket
 * asks for {@link #RECEIVE_BUFFER_BYTES}, room for about a second of 1000 new calls/s; the kernel grants at most
 * {@code net.core.rmem_max}, and a smaller grant is logged once at start.
 */
public final class NgUdpVerticle extends VerticleBase {

    private static final System.Logger LOG = System.getLogger(NgUdpVerticle.class.getName());

    /** The kernel buffer asked for: about 3,000 requests of 1 kB (the kernel counts 2 to 3 kB each). */
    static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

    /** How often expired cached replies are dropped. */
    private static final long REPLY_SWEEP_MILLIS = 10_000;

    private final HostPort listen;
    private final NgService service;
    private final SourceAllowList access;
    private DatagramChannel channel;
    private long sweep;

    public NgUdpVerticle(HostPort listen, NgService service, SourceAllowList access) {
        this.listen = listen;
        this.service = service;
        this.access = access;
    }

    @Override
    public Future<?> start() {
        // Vert.x's internal API gives the transport (epoll or NIO) of the verticle's event loop and the loop itself:
        // the channel lives on the loop that runs this verticle, so a request is served without a thread hand-off.
        ContextInternal ctx = (ContextInternal) context;
        channel = ((VertxInternal) vertx).transport().datagramChannel(listen.address() instanceof Inet6Address
                ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4);
        channel.config().setRecvByteBufAllocator(new ReusedReceiveBuffer());
        channel.config().setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
        channel.pipeline().addLast(new Requests(ctx));
        Promise<Void> bound = ctx.promise();
        ctx.nettyEventLoop().register(channel).addListener(registered -> {
            if (!registered.isSuccess()) {
                bound.fail(registered.cause());
                return;
            }
            channel.bind(new InetSocketAddress(listen.address(), listen.port())).addListener(b -> {
                if (b.isSuccess()) {
                    warnIfBufferCapped();
                    bound.complete();
                } else {
                    channel.close();
                    bound.fail(b.cause());
                }
            });
        });
        // Replies kept for retransmissions are dropped when expired even if no request comes (NgReplyCache).
        sweep = vertx.setPeriodic(REPLY_SWEEP_MILLIS, id -> service.forgetExpiredReplies());
        return bound.future().recover(e -> Future.failedFuture(new ListenFailure("ng.listen", listen, e)));
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(sweep);
        Promise<Void> closed = ((ContextInternal) context).promise();
        channel.close().addListener(f -> closed.complete());
        return closed.future();
    }

    /**
     * The kernel grants at most net.core.rmem_max. (Linux reports twice what it granted, its bookkeeping included, and
     * the JDK's own sockets halve that back: either way, less than asked means capped.)
     */
    private void warnIfBufferCapped() {
        int reported = channel.config().getReceiveBufferSize();
        if (reported < RECEIVE_BUFFER_BYTES) {
            LOG.log(Level.WARNING, "ng.listen " + listen + ": the kernel gave the socket a smaller receive buffer "
                    + "than the " + RECEIVE_BUFFER_BYTES / 1024 + " KiB asked for (net.core.rmem_max caps it): "
                    + "requests that arrive while the process is held up may be dropped. Raise it: sysctl -w "
                    + "net.core.rmem_max=" + RECEIVE_BUFFER_BYTES + " (docs/operations.md, Kernel settings)");
        }
    }

    /** Where the socket is bound (the real port when {@code ng.listen} asked for port 0). */
    public SocketAddress localAddress() {
        InetSocketAddress local = channel.localAddress();
        return SocketAddress.inetSocketAddress(local.getPort(), local.getAddress().getHostAddress());
    }

    /** Each datagram's bytes to the service, on the verticle's context; the reply back to its source. */
    private final class Requests extends SimpleChannelInboundHandler<DatagramPacket> {

        private final ContextInternal context;

        Requests(ContextInternal context) {
            this.context = context;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            // Copied out now: the buffer is read into again for the next datagram.
            byte[] message = ByteBufUtil.getBytes(packet.content());
            InetSocketAddress from = packet.sender();
            context.emit(message, m -> serve(m, from));
        }

        private void serve(byte[] message, InetSocketAddress from) {
            String host = from.getAddress().getHostAddress();
            if (!access.allows(host, NgTransport.UDP.label())) {
                return;
            }
            service.serve(message, NgTransport.UDP, IpLiteral.hostPort(from.getAddress(), from.getPort()))
                    .ifPresent(reply -> reply.onSuccess(r -> channel.writeAndFlush(
                            new DatagramPacket(Unpooled.wrappedBuffer(r), from)).addListener(f -> {
                                if (!f.isSuccess()) {
                                    LOG.log(Level.WARNING, "ng reply to " + from + " not sent: "
                                            + f.cause().getMessage());
                                }
                            })));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A socket error (say, ICMP port unreachable for an earlier reply): the socket goes on serving.
            LOG.log(Level.DEBUG, () -> "ng UDP socket: " + cause.getMessage());
        }
    }
}
