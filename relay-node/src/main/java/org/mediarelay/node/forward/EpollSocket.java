package org.mediarelay.node.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.DatagramSocketAddress;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A media socket whose descriptor sits on its loop's epoll itself, with no Netty channel around it: the loop calls
 * {@link #handle} when the socket is readable, the socket reads one datagram (level-triggered: the loop comes back
 * for the next) into its loop's one receive buffer and hands it to its receiver, and {@link #send} is one
 * {@code sendto} on the spot.
 *
 * <p>Why not a channel: a channel per socket is a pipeline with its head, tail and handler contexts, a config, an
 * outbound buffer, futures and an id, about 800 bytes, and a held call has four sockets (BENCHMARKS.md, resident
 * memory); each packet went through the pipeline and, to be sent, through the outbound buffer and a flush. This is the
 * socket, its registration and nothing else, and a packet is a {@code recvfrom} and a {@code sendto}.
 */
final class EpollSocket implements MediaSocket, EpollIoHandle {

    private static final System.Logger LOG = System.getLogger(EpollSocket.class.getName());

    /** Each loop reads every datagram into one buffer: a datagram is handled (and sent on) before the next is read. */
    private static final FastThreadLocal<ByteBuf> RECEIVE = new FastThreadLocal<>() {
        @Override
        protected ByteBuf initialValue() {
            return Unpooled.directBuffer(DataPlane.MAX_DATAGRAM, DataPlane.MAX_DATAGRAM);
        }
    };

    private final Socket socket;
    /** Set on the loop once started; null before. */
    private Receiver receiver;
    /** Set on the loop when the registration completes. */
    private IoRegistration registration;
    private boolean closed;

    EpollSocket(Socket socket) {
        this.socket = socket;
    }

    @Override
    public FileDescriptor fd() {
        return socket;
    }

    @Override
    public int localPort() {
        return socket.localAddress().getPort();
    }

    @Override
    public void discardWaiting(int max) {
        DataPlane.discardWaiting(socket, max);
    }

    @Override
    public void start(EventLoop loop, Receiver receiver) {
        this.receiver = receiver;
        ((IoEventLoop) loop).register(this).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.log(Level.WARNING, "media socket on port " + localPort() + " not registered: " + f.cause());
                closeSocket();
                return;
            }
            IoRegistration r = (IoRegistration) f.getNow();
            if (closed) {
                // Closed while its registration was on its way: the registration goes too.
                r.cancel();
                return;
            }
            registration = r;
            r.submit(EpollIoOps.EPOLLIN);
        });
    }

    @Override
    public void handle(IoRegistration r, IoEvent event) {
        EpollIoOps ops = ((EpollIoEvent) event).ops();
        if (ops.contains(EpollIoOps.EPOLLERR)) {
            clearError();
        }
        if (ops.contains(EpollIoOps.EPOLLIN)) {
            readOne();
        }
    }

    private void readOne() {
        ByteBuf buf = RECEIVE.get();
        ByteBuffer nio = buf.internalNioBuffer(0, DataPlane.MAX_DATAGRAM);
        DatagramSocketAddress sender;
        try {
            sender = socket.recvFrom(nio, nio.position(), nio.limit());
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "port " + localPort() + ": receive failed: " + e);
            return;
        }
        if (sender == null || closed) {
            return;
        }
        buf.setIndex(0, sender.receivedAmount());
        receiver.received(buf, sender);
        receiver.readComplete();
    }

    /** A socket error reported by epoll (an ICMP error, where the kernel reports them) is read and let go. */
    private void clearError() {
        try {
            int error = socket.getSoError();
            LOG.log(Level.DEBUG, () -> "port " + localPort() + ": socket error " + error);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "port " + localPort() + ": " + e);
        }
    }

    @Override
    public Sent send(ByteBuf datagram, InetSocketAddress destination) {
        if (closed) {
            return Sent.CLOSED;
        }
        int length = datagram.readableBytes();
        ByteBuffer nio = datagram.internalNioBuffer(datagram.readerIndex(), length);
        try {
            // A datagram goes whole or not at all; 0 is the kernel's EAGAIN (the send buffer is full).
            int sent = socket.sendTo(nio, nio.position(), nio.limit(), destination.getAddress(),
                    destination.getPort());
            return sent > 0 || length == 0 ? Sent.SENT : Sent.BUFFER_FULL;
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "port " + localPort() + " to " + destination + ": " + e);
            return Sent.FAILED;
        }
    }

    @Override
    public void flush() {
        // Every send went out when it was made.
    }

    @Override
    public CompletableFuture<Void> closeOnLoop() {
        closed = true;
        if (registration != null) {
            registration.cancel();
        }
        closeSocket();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void abandon() {
        closed = true;
        closeSocket();
    }

    /** Called by the loop when it shuts down with the socket still on it. */
    @Override
    public void close() {
        closed = true;
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "closing a media socket: " + e);
        }
    }
}
