package org.mediarelay.node;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.mediarelay.node.api.AllocateRequest;
import org.mediarelay.node.api.AllocateResult;
import org.mediarelay.node.api.FlowTotals;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.node.api.NodeEvent;
import org.mediarelay.node.api.NodeTotals;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.ReleaseResult;
import org.mediarelay.node.api.StatsResult;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.api.UpdateResult;
import org.mediarelay.node.forward.BoundPair;
import org.mediarelay.node.forward.DataPlane;
import org.mediarelay.node.forward.MediaStream;
import org.mediarelay.node.forward.PairBinder;
import org.mediarelay.node.forward.PortBindException;
import org.mediarelay.node.forward.PortsExhaustedException;
import org.mediarelay.node.forward.SocketOpenException;
import org.mediarelay.node.loop.SessionLoop;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.port.MediaInterfaces;
import org.mediarelay.node.port.PortPool;
import org.mediarelay.node.session.InterimSlices;
import org.mediarelay.node.session.NodeSession;
import org.mediarelay.node.timer.NodeClock;

/**
 * A relay node's sessions and their streams: allocation, hints, stats, release, and the events its sessions raise.
 * Free of Vert.x, so it can be driven by any front (the event-bus verticle in production, tests directly).
 *
 * <p>Each session lives on one media loop, chosen round robin, with all its sockets and timers. Operations on one
 * session must not overlap (the dispatcher serialises them per call); different sessions run concurrently.
 */
public final class RelayNode {

    private static final System.Logger LOG = System.getLogger(RelayNode.class.getName());
    /** How often each session's counters are published ({@link NodeEvent.Interims}). */
    public static final Duration INTERIM_PERIOD = Duration.ofSeconds(5);
    private static final long INTERIM_SLICE_MILLIS = 100;

    private final RelayNodeConfig config;
    private final DataPlane plane;
    private final MediaInterfaces interfaces;
    private final StreamFaces faces;
    /** Each interface's pairs, in configuration order. */
    private final Map<MediaInterface, PairBinder> binders = new LinkedHashMap<>();
    private final Consumer<NodeEvent> events;
    private final List<SessionLoop> loops = new ArrayList<>();
    private final Set<InetAddress> relayAddresses;
    private final AtomicInteger nextLoop = new AtomicInteger();
    /** Streams with sockets open now, for the node's report (cheaper than asking every session). */
    private final AtomicInteger openStreams = new AtomicInteger();
    /** Open streams by media type ({@code audio}, {@code video}, ...), for MediaProxy's relay summary. */
    private final Map<String, AtomicInteger> openByMedia = new ConcurrentHashMap<>();
    private final Map<String, NodeSession> sessions = new ConcurrentHashMap<>();
    private final List<ScheduledFuture<?>> interims = new ArrayList<>();
    /** Each loop's sessions by interim slice; each used on its loop only. */
    private final Map<SessionLoop, InterimSlices> slices = new IdentityHashMap<>();
    private final NodeSession.Listener listener = new NodeSession.Listener() {
        @Override
        public void event(NodeEvent event) {
            events.accept(event);
        }

        @Override
        public void streamClosed(MediaStream stream) {
            openStreams.decrementAndGet();
            openByMedia.computeIfAbsent(stream.media(), m -> new AtomicInteger()).decrementAndGet();
            freePorts(stream);
        }
    };
    private volatile boolean closing;
    /** What released sessions forwarded, by sending party; guarded by itself. */
    private final Map<Party, FlowTotals> released = new EnumMap<>(Map.of(Party.CALLER, FlowTotals.ZERO,
            Party.CALLEE, FlowTotals.ZERO));

    /**
     * @param random the order of each interface's free ports ({@link PortPool}); the first interface's pool uses it,
     *               the others generators seeded from it
     */
    public RelayNode(RelayNodeConfig config, DataPlane plane, RandomGenerator random, NodeClock clock,
                     Consumer<NodeEvent> events) {
        this.config = config;
        this.plane = plane;
        this.interfaces = new MediaInterfaces(config.interfaces());
        this.faces = new StreamFaces(config.nodeId(), interfaces);
        Set<InetAddress> own = new HashSet<>();
        for (MediaInterface face : interfaces.all()) {
            RandomGenerator order = binders.isEmpty() ? random : new SplittableRandom(random.nextLong());
            binders.put(face, new PairBinder(plane, new PortPool(face.ports(), order), face, config.readyPairs()));
            own.add(face.bind());
            IpLiteral.parse(face.advertised()).ifPresent(own::add);
        }
        this.events = events;
        this.relayAddresses = Set.copyOf(own);
        plane.loops().forEach(l -> loops.add(new SessionLoop(l, clock)));
        for (SessionLoop loop : loops) {
            InterimSlices due = new InterimSlices((int) (INTERIM_PERIOD.toMillis() / INTERIM_SLICE_MILLIS));
            slices.put(loop, due);
            long[] slice = {0};
            interims.add(loop.eventLoop().scheduleAtFixedRate(() -> publishInterims(due.due(slice[0]++)),
                    INTERIM_SLICE_MILLIS, INTERIM_SLICE_MILLIS, TimeUnit.MILLISECONDS));
        }
    }

    /**
     * On the loop's own thread: the sessions of this slice of the period report their counters, in one event. Each
     * session falls in one slice of {@link #INTERIM_PERIOD}, so reports are spread evenly instead of all at once.
     */
    private void publishInterims(Collection<NodeSession> due) {
        List<NodeEvent.Interim> reports = new ArrayList<>(due.size());
        for (NodeSession s : due) {
            if (!s.isEmpty()) {
                reports.add(new NodeEvent.Interim(s.sessionId(), s.callId(), s.stats()));
            }
        }
        if (!reports.isEmpty()) {
            events.accept(new NodeEvent.Interims(config.nodeId(), reports));
        }
    }

    /** With the system clock, events only logged. */
    public RelayNode(RelayNodeConfig config, DataPlane plane, RandomGenerator random) {
        this(config, plane, random, NodeClock.system(), e -> LOG.log(Level.INFO, "node event " + e));
    }

    /**
     * Opens the request's streams that the session lacks and answers with the ports of all of them, without waiting
     * for the session's media loop where it can:
     * <ul>
     * <li>A new session's sockets are bound on the calling thread and handed to its loop, which is woken only once the
     * caller has finished its current task, its reply (the answer needs only the ports, and the sockets read nothing
     * until the loop has set the session up).</li>
     * <li>A request that only signals streams the session has (an answer, a re-offer of the same streams) posts its
     * hints to the streams and queues the rest on the loop. The streams are live, and media sent as soon as the answer
     * is out (the caller's first packet after a SIP answer) must meet the new hints: a stream applies what was posted
     * before it handles its next packet, whichever of the two the loop runs first.</li>
     * <li>Anything else (streams to open or to close) is done on the loop before the answer.</li>
     * </ul>
     */
    public CompletionStage<AllocateResult> allocate(AllocateRequest request) {
        if (closing) {
            return CompletableFuture.completedFuture(new AllocateResult.Rejected("node " + config.nodeId() + " is shutting down"));
        }
        NodeSession existing = sessions.get(request.sessionId());
        if (existing == null) {
            return CompletableFuture.completedFuture(create(request));
        }
        Optional<String> foreign = faces.foreignFamily(request, existing::portsOf);
        if (foreign.isPresent()) {
            return CompletableFuture.completedFuture(new AllocateResult.Rejected(foreign.get()));
        }
        Optional<List<StreamPorts>> ports = signalAhead(existing, request);
        return ports.isPresent()
                ? CompletableFuture.completedFuture(allocated(ports.get()))
                : extend(existing, request);
    }

    private AllocateResult.Allocated allocated(List<StreamPorts> ports) {
        return new AllocateResult.Allocated(interfaces.primary().advertised(), ports);
    }

    /**
     * The request's hints posted ahead of the loop, and its ports; empty when the request needs the loop first. The
     * rest (the session's timers) waits for the loop's next wake-up, at most a tick away: the streams apply the hints
     * before their next packet anyway, and a loop woken for each answer takes the control thread's core from it.
     */
    private Optional<List<StreamPorts>> signalAhead(NodeSession session, AllocateRequest request) {
        Optional<List<StreamPorts>> ports = session.signalAhead(request.party(), request.streams(), request.complete());
        ports.ifPresent(p -> session.loop().later(() -> session.signalledAhead(request.party(), request.streams())));
        return ports;
    }

    private AllocateResult create(AllocateRequest request) {
        StreamFaces.Plan plan = faces.plan(request, request.streams(), Optional.empty());
        if (plan instanceof StreamFaces.Refused r) {
            return new AllocateResult.Rejected(r.reason());
        }
        SessionLoop loop = loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size()));
        NodeSession session = new NodeSession(config.nodeId(), request.sessionId(), request.callId(), loop,
                config.timeouts(), listener);
        Opening opening = open(loop, request.streams(), ((StreamFaces.Planned) plan).faces());
        if (opening.failure() != null) {
            return opening.failure();
        }
        session.opening(opening.streams());
        // Queued on the loop before the session can be found: whatever is asked of it later runs after this. The loop
        // is woken after the caller's reply: the sockets read nothing until then, and their datagrams wait in them.
        loop.soon(() -> install(session, opening.streams(), request));
        refillLater(loop);
        sessions.put(request.sessionId(), session);
        if (closing) {
            // closeAll may have listed the sessions before this one was added.
            release(request.sessionId());
        }
        return allocated(opening.streams().stream().map(MediaStream::ports).toList());
    }

    private CompletionStage<AllocateResult> extend(NodeSession session, AllocateRequest request) {
        return session.loop().call(() -> {
            List<StreamSetup> missing = request.streams().stream().filter(s -> !session.has(s.index())).toList();
            StreamFaces.Plan plan = faces.plan(request, missing, session.anyStream()
                    .map(m -> new StreamFaces.Faces(m.face(Party.CALLER), m.face(Party.CALLEE))));
            Opening opening = plan instanceof StreamFaces.Refused r
                    ? new Opening(List.of(), new AllocateResult.Rejected(r.reason()))
                    : open(session.loop(), missing, ((StreamFaces.Planned) plan).faces());
            if (opening.failure() != null) {
                forgetIfEmpty(session, request.sessionId());
                return opening.failure();
            }
            install(session, opening.streams(), request);
            refillLater(session.loop());
            return allocated(session.ports(request.streams()));
        });
    }

    /** The pairs taken are bound again on {@code loop}, after the current task (the request's reply) and its own. */
    private void refillLater(SessionLoop loop) {
        for (PairBinder binder : binders.values()) {
            if (binder.refillWanted()) {
                loop.later(binder::refill);
            }
        }
    }

    /** On the session's loop: the opened streams start and join it, and the request's hints apply. */
    private void install(NodeSession session, List<MediaStream> opened, AllocateRequest request) {
        slices.get(session.loop()).add(session);
        for (MediaStream stream : opened) {
            stream.start(plane);
            session.add(stream);
            openStreams.incrementAndGet();
            openByMedia.computeIfAbsent(stream.media(), m -> new AtomicInteger()).incrementAndGet();
        }
        if (request.complete()) {
            session.keepOnly(request.streams());
        }
        session.signalled(request.party(), request.streams(), opened);
    }

    public CompletionStage<UpdateResult> update(AllocateRequest request) {
        NodeSession session = sessions.get(request.sessionId());
        if (session == null) {
            return CompletableFuture.completedFuture(new UpdateResult.UnknownSession(request.sessionId()));
        }
        if (signalAhead(session, request).isPresent()) {
            return CompletableFuture.completedFuture(new UpdateResult.Updated());
        }
        return session.loop().call(() -> {
            for (StreamSetup s : request.streams()) {
                if (!session.has(s.index())) {
                    return new UpdateResult.UnknownStream(s.index());
                }
            }
            session.signalled(request.party(), request.streams());
            return new UpdateResult.Updated();
        });
    }

    public CompletionStage<StatsResult> stats(String sessionId) {
        NodeSession session = sessions.get(sessionId);
        if (session == null) {
            return CompletableFuture.completedFuture(new StatsResult.UnknownSession(sessionId));
        }
        return session.loop().call(() -> (StatsResult) new StatsResult.Current(session.stats()));
    }

    public CompletionStage<ReleaseResult> release(String sessionId) {
        NodeSession session = sessions.remove(sessionId);
        if (session == null) {
            return CompletableFuture.completedFuture(new ReleaseResult.UnknownSession(sessionId));
        }
        return session.loop().compose(() -> {
                    slices.get(session.loop()).remove(session);
                    return session.close();
                })
                .thenApply(streams -> {
                    synchronized (released) {
                        add(released, streams);
                    }
                    return new ReleaseResult.Released(streams);
                });
    }

    /**
     * Counters of the whole node: open sessions are asked on their loops (one task per loop), released ones come
     * from what they reported when they closed.
     */
    public CompletionStage<NodeTotals> totals() {
        List<CompletableFuture<Map<Party, FlowTotals>>> perLoop = new ArrayList<>();
        int[] streams = new int[loops.size()];
        for (int i = 0; i < loops.size(); i++) {
            SessionLoop loop = loops.get(i);
            int index = i;
            perLoop.add(loop.call(() -> {
                Map<Party, FlowTotals> sum = new EnumMap<>(Party.class);
                sum.put(Party.CALLER, FlowTotals.ZERO);
                sum.put(Party.CALLEE, FlowTotals.ZERO);
                for (NodeSession s : sessions.values()) {
                    if (s.loop() == loop) {
                        List<StreamStats> st = s.stats();
                        streams[index] += st.size();
                        add(sum, st);
                    }
                }
                return sum;
            }).toCompletableFuture());
        }
        return CompletableFuture.allOf(perLoop.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            Map<Party, FlowTotals> sum = new EnumMap<>(Party.class);
            synchronized (released) {
                sum.putAll(released);
            }
            perLoop.forEach(f -> f.join().forEach((party, t) -> sum.merge(party, t, FlowTotals::plus)));
            int open = 0;
            for (int n : streams) {
                open += n;
            }
            return new NodeTotals(sessions.size(), open, freePortPairs(), totalPortPairs(), sum);
        });
    }

    private static void add(Map<Party, FlowTotals> sum, List<StreamStats> streams) {
        for (StreamStats st : streams) {
            for (Party p : Party.values()) {
                sum.merge(p, FlowTotals.ZERO.plus(st.from(p)), FlowTotals::plus);
            }
        }
    }

    /** Refuses new allocations and releases every session (node shutdown). */
    public CompletionStage<Void> closeAll() {
        closing = true;
        List<CompletableFuture<ReleaseResult>> all = new ArrayList<>();
        for (String id : List.copyOf(sessions.keySet())) {
            all.add(release(id).toCompletableFuture());
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
                .thenRun(() -> {
                    binders.values().forEach(PairBinder::close);
                    interims.forEach(f -> f.cancel(false));
                    loops.forEach(SessionLoop::stop);
                });
    }

    /** Its media interfaces, the first being the default. */
    public List<MediaInterface> interfaces() {
        return interfaces.all();
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Pairs free for new streams, including those bound ahead ({@link PairBinder}). */
    public int freePortPairs() {
        return binders.values().stream().mapToInt(PairBinder::free).sum();
    }

    /** Pairs bound and waiting for offers ({@link PairBinder}). */
    public int readyPortPairs() {
        return binders.values().stream().mapToInt(PairBinder::ready).sum();
    }

    public int openStreams() {
        return openStreams.get();
    }

    /** Open streams by media type, those with any open. */
    public Map<String, Integer> openStreamsByMedia() {
        Map<String, Integer> out = new TreeMap<>();
        openByMedia.forEach((media, n) -> {
            if (n.get() > 0) {
                out.put(media, n.get());
            }
        });
        return out;
    }

    /** Packets forwarded since start, all loops. */
    public long forwardedPackets() {
        long n = 0;
        for (SessionLoop l : loops) {
            n += l.forwarded();
        }
        return n;
    }

    /** Bytes forwarded since start, all loops. */
    public long forwardedBytes() {
        long n = 0;
        for (SessionLoop l : loops) {
            n += l.forwardedBytes();
        }
        return n;
    }

    public int totalPortPairs() {
        return binders.values().stream().mapToInt(PairBinder::capacity).sum();
    }

    /** Streams opened for one request (not yet started), or the failure it ends in. */
    private record Opening(List<MediaStream> streams, AllocateResult failure) {
    }

    /**
     * Opens streams on the calling thread, each on two pairs of its own: one on the interface facing each party
     * ({@code faces}, by stream). On failure none of them stays open.
     */
    private Opening open(SessionLoop loop, List<StreamSetup> missing, List<StreamFaces.Faces> faces) {
        Map<PairBinder, Integer> wanted = new IdentityHashMap<>();
        for (StreamFaces.Faces f : faces) {
            wanted.merge(binders.get(f.caller()), 1, Integer::sum);
            wanted.merge(binders.get(f.callee()), 1, Integer::sum);
        }
        for (Map.Entry<PairBinder, Integer> w : wanted.entrySet()) {
            if (w.getKey().free() < w.getValue()) {
                return new Opening(List.of(), new AllocateResult.PortsExhausted(w.getKey().free(), w.getValue()));
            }
        }
        int needed = 2 * missing.size();
        List<MediaStream> opened = new ArrayList<>(missing.size());
        PairBinder failing = null;
        try {
            for (int i = 0; i < missing.size(); i++) {
                StreamSetup s = missing.get(i);
                PairBinder caller = binders.get(faces.get(i).caller());
                PairBinder callee = binders.get(faces.get(i).callee());
                failing = caller;
                BoundPair callerFacing = caller.acquire();
                BoundPair calleeFacing;
                try {
                    failing = callee;
                    calleeFacing = callee.acquire();
                } catch (RuntimeException e) {
                    caller.discard(callerFacing);
                    throw e;
                }
                opened.add(MediaStream.open(loop, relayAddresses, s.index(), s.media(), callerFacing, calleeFacing,
                        config.latch(), config.ice()));
            }
            return new Opening(opened, null);
        } catch (PortsExhaustedException | PortBindException | SocketOpenException e) {
            opened.forEach(this::discard);
            return new Opening(List.of(), failure(e, failing, needed));
        } catch (RuntimeException e) {
            opened.forEach(this::discard);
            throw e;
        }
    }

    private static AllocateResult failure(RuntimeException cause, PairBinder binder, int needed) {
        if (cause instanceof PortsExhaustedException) {
            return new AllocateResult.PortsExhausted(binder.free(), needed);
        }
        if (cause instanceof SocketOpenException) {
            return new AllocateResult.Rejected(cause.getMessage() + " (raise the process's open-file limit: each port "
                    + "is one socket)");
        }
        return new AllocateResult.Rejected("cannot bind media ports on " + IpLiteral.text(binder.face().bind())
                + " (interface " + binder.face().name() + "): " + cause.getMessage());
    }

    /** On the session's loop: a session that a failed request leaves without streams is forgotten. */
    private void forgetIfEmpty(NodeSession session, String sessionId) {
        if (session.isEmpty() && sessions.remove(sessionId, session)) {
            slices.get(session.loop()).remove(session);
            session.close();
        }
    }

    private void freePorts(MediaStream s) {
        for (Party p : Party.values()) {
            binders.get(s.face(p)).giveBack(s.facing(p));
        }
    }

    /** Closes a stream opened for a request that failed as a whole (never started), and frees its ports. */
    private void discard(MediaStream s) {
        s.abandon(plane);
        freePorts(s);
    }
}
