package org.mediarelay.node;

import io.netty.channel.EventLoop;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
import org.mediarelay.node.api.NodeEvent;
import org.mediarelay.node.api.NodeTotals;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.ReleaseResult;
import org.mediarelay.node.api.StatsResult;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.api.UpdateResult;
import org.mediarelay.node.kernel.KernelPath;
import org.mediarelay.node.forward.DataPlane;
import org.mediarelay.node.forward.PairBinder;
import org.mediarelay.node.loop.SessionLoop;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.port.PortPool;
import org.mediarelay.node.session.LoopSessions;
import org.mediarelay.node.session.NodeSession;
import org.mediarelay.node.timer.NodeClock;

/**
 * A relay node: the registry of its sessions, its media loops and its ports ({@link PortBroker}). Each session is the
 * one owner of its state and runs on one media loop, chosen round robin ({@link NodeSession}); the node finds it,
 * hands it the request, and sums what its sessions report. Free of Vert.x, so it can be driven by any front (the
 * event-bus verticle in production, tests directly).
 *
 * <p>Operations on one session must not overlap (the dispatcher serialises them per call); different sessions run
 * concurrently.
 */
public final class RelayNode {

    private static final System.Logger LOG = System.getLogger(RelayNode.class.getName());
    /** How often each session's counters are published ({@link NodeEvent.Interims}). */
    public static final Duration INTERIM_PERIOD = Duration.ofSeconds(5);
    private static final long INTERIM_SLICE_MILLIS = 100;

    private final RelayNodeConfig config;
    private final PortBroker ports;
    private final Consumer<NodeEvent> events;
    private final List<LoopSessions> loops = new ArrayList<>();
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final Map<String, NodeSession> sessions = new ConcurrentHashMap<>();
    private final List<ScheduledFuture<?>> interims = new ArrayList<>();
    private final NodeSession.Listener listener = new NodeSession.Listener() {
        @Override
        public void event(NodeEvent event) {
            events.accept(event);
        }

        @Override
        public boolean forget(NodeSession session) {
            return sessions.remove(session.sessionId(), session);
        }
    };
    private volatile boolean closing;
    private final KernelPath kernel;
    /** What released sessions forwarded, by sending party; guarded by itself. */
    private final Map<Party, FlowTotals> released = new EnumMap<>(Map.of(Party.CALLER, FlowTotals.ZERO,
            Party.CALLEE, FlowTotals.ZERO));

    /**
     * @param random the order of each interface's free ports ({@link PortPool}); the first interface's pool uses it,
     *               the others generators seeded from it
     */
    public RelayNode(RelayNodeConfig config, DataPlane plane, RandomGenerator random, NodeClock clock,
                     Consumer<NodeEvent> events) {
        this(config, plane, random, clock, events, KernelPath.NONE);
    }

    /** @param kernel where confirmed streams' RTP goes ({@link KernelPath#NONE}: nowhere but userspace) */
    public RelayNode(RelayNodeConfig config, DataPlane plane, RandomGenerator random, NodeClock clock,
                     Consumer<NodeEvent> events, KernelPath kernel) {
        this.config = config;
        this.kernel = kernel;
        this.ports = new PortBroker(config, plane, random, kernel);
        this.events = events;
        int slices = (int) (INTERIM_PERIOD.toMillis() / INTERIM_SLICE_MILLIS);
        for (EventLoop l : plane.loops()) {
            LoopSessions home = new LoopSessions(new SessionLoop(l, clock), slices);
            loops.add(home);
            long[] slice = {0};
            interims.add(l.scheduleAtFixedRate(() -> publishInterims(home.interims(slice[0]++)),
                    INTERIM_SLICE_MILLIS, INTERIM_SLICE_MILLIS, TimeUnit.MILLISECONDS));
        }
    }

    /**
     * On a loop's own thread: the sessions of this slice of the period report their counters, in one event. Each
     * session falls in one slice of {@link #INTERIM_PERIOD}, so reports are spread evenly instead of all at once.
     */
    private void publishInterims(List<NodeEvent.Interim> reports) {
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
     * for the session's media loop where it can ({@link NodeSession#open}, {@link NodeSession#allocate}).
     */
    public CompletionStage<AllocateResult> allocate(AllocateRequest request) {
        if (closing) {
            return CompletableFuture.completedFuture(new AllocateResult.Rejected("node " + config.nodeId() + " is shutting down"));
        }
        NodeSession existing = sessions.get(request.sessionId());
        return existing == null ? CompletableFuture.completedFuture(create(request)) : existing.allocate(request);
    }

    private AllocateResult create(AllocateRequest request) {
        LoopSessions home = loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size()));
        NodeSession session = new NodeSession(config.nodeId(), request.sessionId(), request.callId(), home,
                config.timeouts(), ports, listener);
        AllocateResult result = session.open(request);
        if (result instanceof AllocateResult.Allocated) {
            sessions.put(request.sessionId(), session);
            if (closing) {
                // closeAll may have listed the sessions before this one was added.
                release(request.sessionId());
            }
        }
        return result;
    }

    public CompletionStage<UpdateResult> update(AllocateRequest request) {
        NodeSession session = sessions.get(request.sessionId());
        return session == null ? CompletableFuture.completedFuture(new UpdateResult.UnknownSession(request.sessionId()))
                : session.update(request);
    }

    public CompletionStage<StatsResult> stats(String sessionId) {
        NodeSession session = sessions.get(sessionId);
        return session == null ? CompletableFuture.completedFuture(new StatsResult.UnknownSession(sessionId))
                : session.stats().thenApply(StatsResult.Current::new);
    }

    public CompletionStage<ReleaseResult> release(String sessionId) {
        NodeSession session = sessions.remove(sessionId);
        if (session == null) {
            return CompletableFuture.completedFuture(new ReleaseResult.UnknownSession(sessionId));
        }
        return session.close().thenApply(streams -> {
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
        List<CompletableFuture<List<StreamStats>>> perLoop = new ArrayList<>();
        for (LoopSessions l : loops) {
            perLoop.add(l.allStats().toCompletableFuture());
        }
        return CompletableFuture.allOf(perLoop.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            Map<Party, FlowTotals> sum = new EnumMap<>(Party.class);
            synchronized (released) {
                sum.putAll(released);
            }
            int open = 0;
            for (CompletableFuture<List<StreamStats>> f : perLoop) {
                add(sum, f.join());
                open += f.join().size();
            }
            return new NodeTotals(sessions.size(), open, freePortPairs(), totalPortPairs(), sum, kernel.totals());
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
                    ports.close();
                    interims.forEach(f -> f.cancel(false));
                    loops.forEach(l -> l.loop().stop());
                });
    }

    /** Its media interfaces, the first being the default. */
    public List<MediaInterface> interfaces() {
        return ports.interfaces();
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Pairs free for new streams, including those bound ahead ({@link PairBinder}). */
    public int freePortPairs() {
        return ports.free();
    }

    /** Pairs bound and waiting for offers ({@link PairBinder}). */
    public int readyPortPairs() {
        return ports.ready();
    }

    public int openStreams() {
        return ports.openStreams();
    }

    /** Open streams by media type, those with any open. */
    public Map<String, Integer> openStreamsByMedia() {
        return ports.openStreamsByMedia();
    }

    /** Packets forwarded since start, all loops. */
    public long forwardedPackets() {
        long n = 0;
        for (LoopSessions l : loops) {
            n += l.loop().forwarded();
        }
        return n;
    }

    /** Bytes forwarded since start, all loops. */
    public long forwardedBytes() {
        long n = 0;
        for (LoopSessions l : loops) {
            n += l.loop().forwardedBytes();
        }
        return n;
    }

    public int totalPortPairs() {
        return ports.capacity();
    }
}
