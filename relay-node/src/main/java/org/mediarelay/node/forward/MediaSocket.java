package org.mediarelay.node.forward;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * One bound UDP socket of a stream, as {@link DataPlane} makes it: bound on the caller's thread, then started on its
 * stream's loop, where it hands each datagram to its {@link Receiver} and sends what the stream gives it. Two kinds:
 * {@link EpollSocket} (the default: the socket's descriptor straight on the loop's epoll, a few objects per socket)
 * and {@link ChannelSocket} (a Netty channel, for the NIO and io_uring transports).
 *
 * <p>Buffers are lent, never given: a received datagram is valid only during {@link Receiver#received} (the epoll
 * socket reads every datagram of a loop into one buffer), and {@link #send} leaves the caller's buffer as it was
 * (the channel socket keeps its own reference until its write is done).
 */
interface MediaSocket {

    /** Who a started socket hands its datagrams to; called on the socket's loop. */
    interface Receiver {
        /** One datagram, lent for the call: copy what must outlive it. */
        void received(ByteBuf datagram, InetSocketAddress sender);

        /** The socket read what it will read for now: sends queued since are due ({@link #flush}). */
        void readComplete();
    }

    /** The outcome of a {@link #send}. */
    enum Sent {
        SENT,
        /** The socket's send buffer is full (or its write queue, for a channel). */
        BUFFER_FULL,
        /** The OS refused it: no route, a firewall's rule, an address the socket cannot reach. */
        FAILED,
        /** The socket is closed. */
        CLOSED
    }

    /** The port it is bound to. */
    int localPort();

    /**
     * Drops what reached the socket before it was started, at most {@code max} datagrams, on the calling thread; only
     * before {@link #start}. See {@link DataPlane#discardWaiting}.
     */
    void discardWaiting(int max);

    /** Puts the socket on {@code loop}, where it hands what it receives to {@code receiver} from now on. */
    void start(EventLoop loop, Receiver receiver);

    /** Sends the readable bytes of {@code datagram} to {@code destination} (or queues them, see {@link #flush}). */
    Sent send(ByteBuf datagram, InetSocketAddress destination);

    /** What {@link #send} queued goes out; a socket that sends at once has nothing to do. */
    void flush();

    /** Closes a started socket, on its loop; the future completes when its port is free. */
    CompletableFuture<Void> closeOnLoop();

    /** Closes a socket never started, on any thread: its port is free on return. */
    void abandon();
}
