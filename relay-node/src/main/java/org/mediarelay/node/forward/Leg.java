package org.mediarelay.node.forward;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mediarelay.node.api.Component;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.latch.Latch;
import org.mediarelay.node.latch.LatchPolicy;
import org.mediarelay.node.packet.Stun;

/**
 * One relay socket: it faces one party for one component. It receives what that party sends and sends that party
 * what the other party sends. It is its channel's only handler: it hands each datagram to its stream and flushes after
 * each read batch. Confined to its stream's event loop.
 */
final class Leg extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(Leg.class.getName());

    /** STUN transactions remembered per socket for routing responses back: ICE keeps few in flight per pair. */
    private static final int MAX_TRANSACTIONS = 64;

    private final MediaStream stream;
    final Party party;
    final Component component;
    final int localPort;
    final Latch latch;
    /** The bound socket the stream took for this leg ({@link MediaStream#open}); null after close. */
    Channel channel;
    /** A write was queued on {@link #channel} since the last flush. */
    boolean flushPending;

    /**
     * STUN requests sent out of this socket, by transaction: where each response must go back to. Made at the first
     * request: most sockets (plain RTP, RTCP) never carry STUN, and a held call should not pay for four empty maps.
     */
    private Map<Stun.TransactionId, Requester> transactions;

    /** Who sent a STUN request: the leg it arrived on and its source. */
    record Requester(Leg leg, InetSocketAddress source) {
    }

    Leg(MediaStream stream, Party party, Component component, int localPort, LatchPolicy policy) {
        this.stream = stream;
        this.party = party;
        this.component = component;
        this.localPort = localPort;
        this.latch = new Latch(policy);
    }

    /** Queues {@code buf} to {@code destination}; false (nothing queued) when the socket is closed or cannot take more. */
    boolean send(ByteBuf buf, InetSocketAddress destination) {
        if (channel == null || !channel.isWritable()) {
            return false;
        }
        channel.write(new DatagramPacket(buf, destination), channel.voidPromise());
        flushPending = true;
        return true;
    }

    void requestSent(Stun.TransactionId id, Requester requester) {
        if (transactions == null) {
            transactions = new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Stun.TransactionId, Requester> eldest) {
                    return size() > MAX_TRANSACTIONS;
                }
            };
        }
        transactions.put(id, requester);
    }

    /** The requester a response on this socket answers, once; null for a response to nothing we forwarded. */
    Requester responseTo(Stun.TransactionId id) {
        return transactions == null ? null : transactions.remove(id);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        stream.receive(this, (DatagramPacket) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        stream.flushPending();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A send to a party that went away (ICMP port unreachable) surfaces here; the call goes on.
        LOG.log(Level.DEBUG, () -> "stream " + stream.index() + " port " + localPort + ": " + cause);
    }
}
