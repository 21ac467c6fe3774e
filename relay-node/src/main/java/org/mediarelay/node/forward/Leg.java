package org.mediarelay.node.forward;

import io.netty.buffer.ByteBuf;
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
 * what the other party sends. It is its socket's receiver: it hands each datagram to its stream and has the stream
 * flush after each read batch. Confined to its stream's event loop.
 */
final class Leg implements MediaSocket.Receiver {

    /** STUN transactions remembered per socket for routing responses back: ICE keeps few in flight per pair. */
    private static final int MAX_TRANSACTIONS = 64;

    private final MediaStream stream;
    final Party party;
    final Component component;
    final int localPort;
    final Latch latch;
    /** The bound socket the stream took for this leg ({@link MediaStream#open}); null after close. */
    MediaSocket socket;

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

    /** Sends (or queues, see {@link MediaSocket#flush}) {@code buf} to {@code destination}; the buffer stays lent. */
    MediaSocket.Sent send(ByteBuf buf, InetSocketAddress destination) {
        return socket == null ? MediaSocket.Sent.CLOSED : socket.send(buf, destination);
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
    public void received(ByteBuf datagram, InetSocketAddress sender) {
        stream.receive(this, datagram, sender);
    }

    @Override
    public void readComplete() {
        stream.flushPending();
    }
}
