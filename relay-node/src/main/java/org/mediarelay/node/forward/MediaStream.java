package org.mediarelay.node.forward;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.mediarelay.node.api.Component;
import org.mediarelay.node.api.DropReason;
import org.mediarelay.node.api.PartyFlow;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PartyHints;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.api.StreamStats;

/**
 * One relayed media stream: four sockets (RTP and RTCP, facing each party), all on one event loop, so that every
 * packet and every control change of the stream runs on one thread without locks.
 *
 * <pre>
 *   caller ──▶ [caller-facing RTP]  ──forward──▶ [callee-facing RTP]  ──▶ callee
 *   caller ◀── [caller-facing RTP]  ◀──forward── [callee-facing RTP]  ◀── callee
 *   (the same for RTCP)
 * </pre>
 *
 * A packet from a party is sent on from the socket facing the other party, so each party receives from exactly the
 * port it was told to send to.
 */
public final class MediaStream {

    private final int index;
    private final String media;
    private final EventLoop loop;
    private final PortPair callerFacing;
    private final PortPair calleeFacing;
    /** By {@code party.ordinal() * 2 + component.ordinal()}. */
    private final Leg[] legs = new Leg[4];

    private MediaStream(int index, String media, EventLoop loop, PortPair callerFacing, PortPair calleeFacing) {
        this.index = index;
        this.media = media;
        this.loop = loop;
        this.callerFacing = callerFacing;
        this.calleeFacing = calleeFacing;
        for (Party p : Party.values()) {
            PortPair pair = p == Party.CALLER ? callerFacing : calleeFacing;
            legs[slot(p, Component.RTP)] = new Leg(p, Component.RTP, pair.rtp());
            legs[slot(p, Component.RTCP)] = new Leg(p, Component.RTCP, pair.rtcp());
        }
    }

    /**
     * Binds the stream's four sockets on {@code bindAddress}. Fails (with every socket it opened closed again) when a
     * port cannot be bound, e.g. because another process holds it.
     */
    public static CompletionStage<MediaStream> open(DataPlane plane, InetAddress bindAddress, int index, String media,
                                                    PortPair callerFacing, PortPair calleeFacing) {
        MediaStream s = new MediaStream(index, media, plane.nextLoop(), callerFacing, calleeFacing);
        CompletableFuture<MediaStream> opened = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(s.legs.length);
        AtomicReference<PortBindException> failure = new AtomicReference<>();
        for (Leg leg : s.legs) {
            ChannelFuture bind = plane.bind(s.loop, new InetSocketAddress(bindAddress, leg.localPort),
                    new LegHandler(s, leg));
            // Listeners run on the stream's loop, one at a time.
            bind.addListener(f -> {
                if (f.isSuccess()) {
                    leg.channel = bind.channel();
                } else {
                    failure.compareAndSet(null, new PortBindException(leg.localPort, f.cause()));
                }
                if (pending.decrementAndGet() > 0) {
                    return;
                }
                if (failure.get() == null) {
                    opened.complete(s);
                } else {
                    // Report the failure only once the sockets that did bind are closed: their ports go back to the pool.
                    CompletableFuture.allOf(s.closeChannels().toArray(new CompletableFuture<?>[0]))
                            .whenComplete((v, e) -> opened.completeExceptionally(failure.get()));
                }
            });
        }
        return opened;
    }

    public int index() {
        return index;
    }

    /** Records the SDP addresses {@code party} gave; runs on the stream's loop. */
    public CompletionStage<Void> applyHints(Party party, PartyHints hints) {
        return onLoop(() -> {
            legs[slot(party, Component.RTP)].latch.hint(hints.rtp());
            legs[slot(party, Component.RTCP)].latch.hint(hints.rtcp());
            return null;
        });
    }

    public CompletionStage<StreamStats> stats() {
        return onLoop(this::snapshot);
    }

    /**
     * Closes the sockets. The returned counters are final (nothing is read after the close), and the stage completes
     * only when every socket is closed, so that its port can be bound again at once.
     */
    public CompletionStage<StreamStats> close() {
        return onLoop(() -> {
            List<CompletableFuture<Void>> closed = closeChannels();
            StreamStats last = snapshot();
            return CompletableFuture.allOf(closed.toArray(new CompletableFuture<?>[0])).thenApply(v -> last);
        }).thenCompose(s -> s);
    }

    void forward(Leg in, DatagramPacket packet) {
        ByteBuf payload = packet.content();
        if (!in.latch.admit(packet.sender())) {
            drop(in, DropReason.FOREIGN_SOURCE, payload);
            return;
        }
        Leg out = legs[slot(in.party.other(), in.component)];
        InetSocketAddress destination = out.latch.destination();
        if (destination == null) {
            drop(in, DropReason.NO_DESTINATION, payload);
            return;
        }
        Channel ch = out.channel;
        if (ch == null || !ch.isWritable()) {
            drop(in, DropReason.SEND_BUFFER_FULL, payload);
            return;
        }
        int length = payload.readableBytes();
        ch.write(new DatagramPacket(payload, destination), ch.voidPromise());
        out.flushPending = true;
        in.received(length);
    }

    void flushPending() {
        for (Leg leg : legs) {
            if (leg.flushPending) {
                leg.flushPending = false;
                if (leg.channel != null) {
                    leg.channel.flush();
                }
            }
        }
    }

    private static void drop(Leg in, DropReason reason, ByteBuf payload) {
        in.dropped(reason);
        payload.release();
    }

    private List<CompletableFuture<Void>> closeChannels() {
        List<CompletableFuture<Void>> closed = new ArrayList<>(legs.length);
        for (Leg leg : legs) {
            if (leg.channel != null) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                leg.channel.close().addListener(f -> done.complete(null));
                closed.add(done);
                leg.channel = null;
            }
        }
        return closed;
    }

    private StreamStats snapshot() {
        return new StreamStats(index, media, callerFacing, calleeFacing, flow(Party.CALLER), flow(Party.CALLEE));
    }

    private PartyFlow flow(Party p) {
        Leg rtp = legs[slot(p, Component.RTP)];
        Leg rtcp = legs[slot(p, Component.RTCP)];
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        rtp.drops().forEach((r, n) -> drops.merge(r, n, Long::sum));
        rtcp.drops().forEach((r, n) -> drops.merge(r, n, Long::sum));
        return new PartyFlow(rtp.counter(), rtcp.counter(), drops, rtp.latch.latched(), rtcp.latch.latched());
    }

    private <T> CompletionStage<T> onLoop(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static int slot(Party p, Component c) {
        return p.ordinal() * 2 + c.ordinal();
    }
}
