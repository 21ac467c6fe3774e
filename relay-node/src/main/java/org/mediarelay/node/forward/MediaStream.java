package org.mediarelay.node.forward;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mediarelay.node.api.Component;
import org.mediarelay.node.api.DropReason;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PartyFlow;
import org.mediarelay.node.api.PartyHints;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.api.StreamState;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.ice.IcePolicy;
import org.mediarelay.node.ice.IceWatch;
import org.mediarelay.node.kernel.KernelPath;
import org.mediarelay.node.latch.Admission;
import org.mediarelay.node.latch.LatchPolicy;
import org.mediarelay.node.loop.SessionLoop;
import org.mediarelay.node.packet.PacketKind;
import org.mediarelay.node.packet.Packets;
import org.mediarelay.node.packet.RtcpReports;
import org.mediarelay.node.packet.Stun;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.quality.ClockRates;

/**
 * One relayed media stream: four sockets (RTP and RTCP, facing each party), all on its session's event loop, so that
 * every packet and every control change of the stream runs on one thread without locks. Every method runs there, once
 * the stream is started (it is opened on the caller's thread: see {@link #open}).
 *
 * <pre>
 *   caller ──▶ [caller-facing RTP]  ──forward──▶ [callee-facing RTP]  ──▶ callee
 *   caller ◀── [caller-facing RTP]  ◀──forward── [callee-facing RTP]  ◀── callee
 *   (the same for RTCP; RTCP goes to the RTP socket of a party that multiplexes it)
 * </pre>
 *
 * A packet from a party is sent on from the socket facing the other party, so each party receives from exactly the
 * port it was told to send to. Media passes only from the source the party's latch admits; STUN passes from anyone
 * (ICE authenticates it end to end) and a STUN response goes back to whoever sent the request.
 */
public final class MediaStream {

    private final int index;
    private final String media;
    private final SessionLoop loop;
    private final PortPair callerFacing;
    private final PortPair calleeFacing;
    /** The last {@link #snapshot}, handed out again while nothing changed. */
    private StreamStats lastSnapshot;
    private final MediaInterface callerFace;
    private final MediaInterface calleeFace;
    private final Legs legs;
    private final PartyState[] parties = {new PartyState(Party.CALLER), new PartyState(Party.CALLEE)};
    private final StunQueue stunQueue = new StunQueue();
    private final IceWatch ice;
    /** The relay's own addresses (bound and advertised). */
    private final Set<InetAddress> relayAddresses;
    private StreamState state = StreamState.RELAYED;
    private long lastSignal;
    /** Hints posted from other threads and not applied yet (see {@link #post}). */
    private final PostedHints posted = new PostedHints();
    /** Its RTP in the kernel, once both parties are confirmed (see {@link #reviewKernel}). */
    private final KernelLink kernel;

    private MediaStream(int index, String media, SessionLoop loop, BoundPair callerFacing, BoundPair calleeFacing,
                        LatchPolicy latchPolicy, IcePolicy icePolicy, Set<InetAddress> relayAddresses,
                        KernelPath kernelPath) {
        this.relayAddresses = relayAddresses;
        this.index = index;
        this.media = media;
        this.loop = loop;
        this.callerFacing = callerFacing.ports();
        this.calleeFacing = calleeFacing.ports();
        this.callerFace = callerFacing.face();
        this.calleeFace = calleeFacing.face();
        this.ice = new IceWatch(icePolicy);
        this.lastSignal = loop.now();
        this.legs = new Legs(this, this.callerFacing, this.calleeFacing, latchPolicy);
        this.kernel = kernelPath.enabled() ? new KernelLink(kernelPath, this::kernelForwarded, loop.eventLoop())
                : KernelLink.OFF;
    }

    /**
     * A stream on two bound pairs ({@link PairBinder}), on the calling thread; its sockets receive nothing until
     * {@link #start}. Until then the stream belongs to the caller.
     *
     * @param kernelPath where its RTP goes once both parties are confirmed ({@link KernelPath#NONE}: nowhere)
     */
    public static MediaStream open(SessionLoop loop, Set<InetAddress> relayAddresses, int index, String media,
                                   BoundPair callerFacing, BoundPair calleeFacing, LatchPolicy latchPolicy,
                                   IcePolicy icePolicy, KernelPath kernelPath) {
        MediaStream s = new MediaStream(index, media, loop, callerFacing, calleeFacing, latchPolicy, icePolicy,
                relayAddresses, kernelPath);
        s.legs.take(Party.CALLER, callerFacing);
        s.legs.take(Party.CALLEE, calleeFacing);
        return s;
    }

    /** Puts the sockets on the stream's loop, where they start receiving; from here on the stream is the loop's. */
    public void start() {
        legs.start(loop.eventLoop());
    }

    /** Closes the sockets of a stream never started (its request failed as a whole): its ports are free on return. */
    public void abandon() {
        legs.abandon();
    }

    public int index() {
        return index;
    }

    /** The stream's media type as the SDP names it ({@code audio}, {@code video}, {@code image}...). */
    public String media() {
        return media;
    }

    public PortPair facing(Party party) {
        return party == Party.CALLER ? callerFacing : calleeFacing;
    }

    /** The media interface of the pair facing this party. */
    public MediaInterface face(Party party) {
        return party == Party.CALLER ? callerFace : calleeFace;
    }

    /** Its ports and the addresses its parties send to. */
    public StreamPorts ports() {
        return new StreamPorts(index, callerFacing, calleeFacing, callerFace.advertised(), calleeFace.advertised());
    }

    /**
     * {@code party} signalled its SDP for this stream: its hints, learning opens again for both parties, and STUN
     * held back for want of its address can go.
     */
    public void applyHints(Party party, StreamSetup setup) {
        PartyHints hints = setup.hints();
        Map<Integer, Integer> clockRates = setup.clockRates();
        long now = loop.now();
        PartyState p = parties[party.ordinal()];
        p.hints = hints;
        p.carries = PartyState.carries(setup.transport());
        setup.learning().ifPresent(legs::learning);
        // Where the other party gets RTCP: on its RTP port once its offer of mux was accepted, else on its own; its
        // RTCP socket learns (and sends to) the address that matches.
        setup.peerRtcpMux().filter(mux -> mux != parties[party.other().ordinal()].hints.rtcpMux()).ifPresent(mux -> {
            PartyState peer = parties[party.other().ordinal()];
            peer.hints = peer.hints.withMux(mux);
            legs.of(party.other(), Component.RTCP).latch.signalled(
                    (mux ? peer.hints.rtp() : peer.hints.rtcp()).filter(a -> !relayOwn(a)), peer.hints.signalling(),
                    now);
        });
        p.signalled = true;
        if (!clockRates.isEmpty()) {
            p.clockRates = new ClockRates(clockRates);
        }
        // A party whose ICE learned the relay's own address as its candidate may name it as its default: that is no
        // address to send to (the relay would talk to itself), and what was learned stays.
        boolean ownDefault = hints.rtp().filter(this::relayOwn).isPresent();
        Leg rtp = legs.of(party, Component.RTP);
        Leg rtcp = legs.of(party, Component.RTCP);
        if (ownDefault) {
            rtp.latch.reopen(now);
            rtcp.latch.reopen(now);
        } else {
            rtp.latch.signalled(hints.rtp(), hints.signalling(), now);
            rtcp.latch.signalled((hints.rtcpMux() ? hints.rtp() : hints.rtcp()).filter(a -> !relayOwn(a)),
                    hints.signalling(), now);
        }
        legs.of(party.other(), Component.RTP).latch.reopen(now);
        legs.of(party.other(), Component.RTCP).latch.reopen(now);
        ice.parties(parties[0].hints.ice(), parties[1].hints.ice());
        if (!hints.iceSelected().isEmpty()) {
            ice.selected(ownDefault || hints.iceSelected().stream().anyMatch(this::relayOwn));
        }
        lastSignal = now;
        flushStun(party, now);
        // Outside a read, nothing else flushes what the held STUN wrote.
        flushPending();
        reviewKernel(now);
    }

    /**
     * From any thread: {@code party}'s hints, to take effect on the loop before this stream handles its next packet
     * (or sooner, when the loop runs {@link #applyPosted}). Lets a control thread answer a request without waiting for
     * the loop, while media that follows the answer still meets the answer's hints.
     */
    public void post(Party party, StreamSetup setup) {
        posted.post(party, setup);
    }

    /** On the loop: the posted hints take effect, in the order they were posted. */
    public void applyPosted() {
        posted.drain(this::applyHints);
    }

    /** One of this stream's own relay sockets: the relay's address and one of its four ports. */
    private boolean relayOwn(InetSocketAddress a) {
        int port = a.getPort();
        return relayAddresses.contains(a.getAddress()) && (port == callerFacing.rtp() || port == callerFacing.rtcp()
                || port == calleeFacing.rtp() || port == calleeFacing.rtcp());
    }

    /** A datagram {@code in} received from {@code sender}, lent for the call (see {@link MediaSocket}). */
    void receive(Leg in, ByteBuf buf, InetSocketAddress sender) {
        if (posted.any()) {
            applyPosted();
        }
        PartyState from = parties[in.party.ordinal()];
        if (state != StreamState.RELAYED) {
            return;
        }
        long now = loop.now();
        PacketKind kind = from.carries == PacketKind.RTP ? Packets.classify(buf, in.component == Component.RTCP)
                : Packets.classifyOpaque(buf, from.carries);
        if (kind == PacketKind.STUN) {
            stun(in, from, buf, sender, now);
            return;
        }
        if (kind == PacketKind.MALFORMED) {
            from.dropped(DropReason.MALFORMED);
            return;
        }
        long ssrc = -1;
        int sequence = -1;
        if (kind == PacketKind.RTP) {
            ssrc = Packets.rtpSsrc(buf);
            sequence = Packets.rtpSequence(buf);
        } else if (kind == PacketKind.RTCP) {
            ssrc = Packets.rtcpSenderSsrc(buf);
        } else if (kind == PacketKind.UDPTL) {
            ssrc = 0;
            sequence = Packets.udptlSequence(buf);
        }
        Party to = in.party.other();
        Admission admission = in.latch.admit(sender, now, ssrc, sequence,
                legs.of(to, in.component).latch.proven());
        if (admission != Admission.ACCEPT) {
            from.dropped(PartyState.dropReason(admission));
            return;
        }
        InetSocketAddress learned = in.latch.takeNewSource();
        if (learned != null && in.component == Component.RTP) {
            // The party's media comes from an address its signalling did not name: its RTCP may come from there too.
            legs.of(in.party, Component.RTCP).latch.vouch(learned.getAddress());
        }
        Leg out = legs.of(to, outComponent(kind, in.component, to));
        if (kind == PacketKind.RTCP && kernel.asked()) {
            // What this party received of the other's RTP, which the kernel forwards unseen.
            RtcpReports.read(buf, parties[to.ordinal()]::reported);
        }
        int length = buf.readableBytes();
        int payloadType = kind == PacketKind.RTP ? Packets.rtpPayloadType(buf) : 0;
        long timestamp = kind == PacketKind.RTP ? Packets.rtpTimestamp(buf) : 0;
        if (!send(out, buf, out.latch.destination(now), from)) {
            return;
        }
        from.forwarded(kind, length, now);
        loop.countForwarded(length);
        if (kind == PacketKind.RTP) {
            from.rtp(payloadType, ssrc, sequence, timestamp, loop.clock().nanos());
        }
        ice.media(now);
        if (stunQueue.holdsFor(in.party)) {
            flushStun(in.party, now);
        }
        if (kind == PacketKind.RTP && in.component == Component.RTP && kernel.enabled()
                && (!kernel.asked() || kernel.sourceDiffers(in.party, sender))) {
            reviewKernel(now);
        }
    }

    /**
     * Asks the kernel for this stream's RTP, or gives it back, as the stream now allows: both parties' RTP sources
     * confirmed, RTP both ways, ICE out of the way (not in use, or settled through the relay: until then the relay
     * must see media to tell), IPv4 on sockets bound to an address, and destinations the kernel can reach. Runs when
     * any of that may have changed: a packet from a source the kernel does not carry, a signalling event.
     */
    private void reviewKernel(long now) {
        if (kernel.enabled()) {
            kernel.want(kernelDirections(now));
        }
    }

    private List<KernelPath.Direction> kernelDirections(long now) {
        if (state != StreamState.RELAYED || parties[0].carries != PacketKind.RTP
                || parties[1].carries != PacketKind.RTP) {
            return List.of();
        }
        IceWatch.State iceState = ice.state(now);
        if (iceState != IceWatch.State.NOT_ICE && iceState != IceWatch.State.THROUGH_RELAY) {
            return List.of();
        }
        InetSocketAddress caller = legs.of(Party.CALLER, Component.RTP).latch.confirmed().orElse(null);
        InetSocketAddress callee = legs.of(Party.CALLEE, Component.RTP).latch.confirmed().orElse(null);
        if (caller == null || callee == null || !kernelCarries(caller, callerFace)
                || !kernelCarries(callee, calleeFace)) {
            return List.of();
        }
        InetSocketAddress callerIn = new InetSocketAddress(callerFace.bind(), callerFacing.rtp());
        InetSocketAddress calleeIn = new InetSocketAddress(calleeFace.bind(), calleeFacing.rtp());
        return List.of(new KernelPath.Direction(caller, callerIn, calleeIn, callee),
                new KernelPath.Direction(callee, calleeIn, callerIn, caller));
    }

    /** A party at {@code party}, facing {@code face}: both IPv4, the socket bound to one address, reachable. */
    private boolean kernelCarries(InetSocketAddress party, MediaInterface face) {
        return party.getAddress() instanceof Inet4Address && face.bind() instanceof Inet4Address
                && !face.bind().isAnyLocalAddress() && kernel.path().reaches(party.getAddress());
    }

    /** What the kernel forwarded from {@code from} since the last count: as if userspace had. */
    private void kernelForwarded(Party from, long packets, long payloadBytes) {
        long now = loop.now();
        parties[from.ordinal()].forwardedInKernel(packets, payloadBytes, now);
        legs.of(from, Component.RTP).latch.forwardedInKernel(now);
        ice.media(now);
        loop.countForwarded(packets, payloadBytes);
    }

    private void stun(Leg in, PartyState from, ByteBuf buf, InetSocketAddress sender, long now) {
        if (Stun.isResponse(buf)) {
            Leg.Requester r = in.responseTo(Stun.transactionId(buf));
            if (r == null) {
                from.dropped(DropReason.UNKNOWN_SOURCE);
            } else {
                sendStun(r.leg(), buf, r.source(), from, now);
            }
            return;
        }
        Party to = in.party.other();
        Leg out = legs.of(to, outComponent(PacketKind.STUN, in.component, to));
        if (Stun.isRequest(buf)) {
            out.requestSent(Stun.transactionId(buf), new Leg.Requester(in, sender));
            ice.stun(Stun.nominates(buf), now);
        } else {
            // A Binding indication: an RFC 5245 keepalive on a selected pair.
            ice.stun(false, now);
        }
        InetSocketAddress destination = out.latch.destination(now);
        if (destination == null) {
            if (!stunQueue.hold(to, out, buf, from, now)) {
                from.dropped(DropReason.NO_DESTINATION);
            }
            return;
        }
        sendStun(out, buf, destination, from, now);
    }

    private void sendStun(Leg out, ByteBuf buf, InetSocketAddress destination, PartyState from, long now) {
        int length = buf.readableBytes();
        if (send(out, buf, destination, from)) {
            from.forwarded(PacketKind.STUN, length, now);
            loop.countForwarded(length);
        }
    }

    /** Sends STUN held back for {@code to} once its address is known. */
    private void flushStun(Party to, long now) {
        stunQueue.release(to, now, (out, buf, from) -> {
            InetSocketAddress destination = out.latch.destination(now);
            if (destination == null) {
                return false;
            }
            sendStun(out, buf, destination, from, now);
            return true;
        }, from -> from.dropped(DropReason.NO_DESTINATION));
    }

    /** Which socket of {@code to} a packet goes out of: RTCP and key exchange follow its rtcp-mux. */
    private Component outComponent(PacketKind kind, Component in, Party to) {
        if (kind == PacketKind.RTP) {
            return Component.RTP;
        }
        boolean muxed = parties[to.ordinal()].hints.rtcpMux();
        if (kind == PacketKind.RTCP) {
            return muxed ? Component.RTP : Component.RTCP;
        }
        return in == Component.RTCP && !muxed ? Component.RTCP : Component.RTP;
    }

    private boolean send(Leg out, ByteBuf buf, InetSocketAddress destination, PartyState from) {
        if (destination == null) {
            from.dropped(DropReason.NO_DESTINATION);
            return false;
        }
        MediaSocket.Sent sent = out.send(buf, destination);
        if (sent == MediaSocket.Sent.SENT) {
            return true;
        }
        from.dropped(sent == MediaSocket.Sent.FAILED ? DropReason.SEND_FAILED : DropReason.SEND_BUFFER_FULL);
        return false;
    }

    void flushPending() {
        legs.flush();
    }

    /** What ICE did with this stream, as far as the relay can tell now. */
    public IceWatch.State iceState() {
        return ice.state(loop.now());
    }

    /** Whether any media (not STUN) ever crossed the relay on this stream. */
    public boolean carriedMedia() {
        return ice.mediaEver();
    }

    /** Monotonic ms of the last media or signalling of this stream. */
    public long lastActivity() {
        return Math.max(lastSignal, Math.max(parties[0].lastMedia(), parties[1].lastMedia()));
    }

    /** Either party's latest SDP holds the stream. */
    public boolean onHold() {
        return parties[0].hints.hold() || parties[1].hints.hold();
    }

    public StreamState state() {
        return state;
    }

    /** The stream's counters so far; the same object as last time while nothing changed (see PartyState.flow). */
    public StreamStats snapshot() {
        PartyFlow fromCaller = flow(Party.CALLER);
        PartyFlow fromCallee = flow(Party.CALLEE);
        StreamStats last = lastSnapshot;
        if (last == null || last.fromCaller() != fromCaller || last.fromCallee() != fromCallee
                || last.state() != state) {
            lastSnapshot = new StreamStats(index, media, callerFacing, calleeFacing, fromCaller, fromCallee, state);
        }
        return lastSnapshot;
    }

    private PartyFlow flow(Party p) {
        return parties[p.ordinal()].flow(legs.of(p, Component.RTP), legs.of(p, Component.RTCP), loop.clock());
    }

    /**
     * Closes the sockets and ends the stream in {@code finalState}. The returned counters are final (nothing is read
     * after the close), and the stage completes only when every socket is closed, so that its ports can be bound
     * again at once.
     */
    public CompletionStage<StreamStats> close(StreamState finalState) {
        state = finalState;
        stunQueue.clear();
        // The kernel's routes first, so that what they forwarded until the end is in the counters, and anything that
        // arrives after them meets a socket still open, or none.
        return kernel.release().thenCompose(v -> {
            StreamStats last = snapshot();
            return CompletableFuture.allOf(legs.close().toArray(new CompletableFuture<?>[0])).thenApply(x -> last);
        });
    }

    /** Whether its RTP goes through the kernel now. */
    public boolean inKernel() {
        return kernel.inKernel();
    }
}
