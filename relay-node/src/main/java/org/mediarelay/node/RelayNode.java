package org.mediarelay.node;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.mediarelay.node.api.AllocateRequest;
import org.mediarelay.node.api.AllocateResult;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.api.ReleaseResult;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.forward.DataPlane;
import org.mediarelay.node.forward.MediaStream;
import org.mediarelay.node.forward.PortBindException;
import org.mediarelay.node.port.PortPool;

/**
 * A relay node's sessions and their streams: allocation, hints, release. Free of Vert.x, so it can be driven by any
 * front (the event-bus verticle in production, tests directly).
 *
 * <p>Operations on one session must not overlap; the dispatcher serialises them per call. Operations on different
 * sessions run concurrently.
 */
public final class RelayNode {

    private static final System.Logger LOG = System.getLogger(RelayNode.class.getName());
    /** Pairs tried per stream when binding fails (a port held by another process); each failure skips the pair. */
    static final int BIND_ATTEMPTS = 8;

    private final RelayNodeConfig config;
    private final DataPlane plane;
    private final PortPool pool;
    private final Map<String, Map<Integer, OpenStream>> sessions = new ConcurrentHashMap<>();
    private volatile boolean closing;

    private record OpenStream(MediaStream stream, PortPair callerFacing, PortPair calleeFacing) {
    }

    public RelayNode(RelayNodeConfig config, DataPlane plane, PortPool pool) {
        this.config = config;
        this.plane = plane;
        this.pool = pool;
    }

    public CompletionStage<AllocateResult> allocate(AllocateRequest request) {
        if (closing) {
            return CompletableFuture.completedFuture(new AllocateResult.Rejected("node " + config.nodeId() + " is shutting down"));
        }
        Map<Integer, OpenStream> streams = sessions.computeIfAbsent(request.sessionId(), id -> new TreeMap<>());
        List<StreamSetup> missing = new ArrayList<>();
        synchronized (streams) {
            request.streams().stream().filter(s -> !streams.containsKey(s.index())).forEach(missing::add);
        }
        int needed = 2 * missing.size();
        if (pool.free() < needed) {
            forgetIfEmpty(request.sessionId());
            return CompletableFuture.completedFuture(new AllocateResult.PortsExhausted(pool.free(), needed));
        }
        List<CompletableFuture<OpenStream>> opening = new ArrayList<>();
        List<PortPair> setAside = new ArrayList<>();
        for (StreamSetup s : missing) {
            opening.add(open(s, BIND_ATTEMPTS, setAside).toCompletableFuture());
        }
        return CompletableFuture.allOf(opening.toArray(new CompletableFuture<?>[0])).handle((v, error) -> {
            // Pairs that failed to bind were kept out of this request's retries; now they go to the back of the queue.
            synchronized (setAside) {
                setAside.forEach(pool::release);
            }
            if (error != null) {
                opening.stream().filter(f -> !f.isCompletedExceptionally()).forEach(f -> discard(f.join()));
                forgetIfEmpty(request.sessionId());
                return failure(error, needed);
            }
            synchronized (streams) {
                opening.forEach(f -> streams.put(f.join().stream().index(), f.join()));
            }
            return null;
        }).thenCompose(failed -> failed != null
                ? CompletableFuture.completedFuture(failed)
                : applyHints(request, streams));
    }

    public CompletionStage<ReleaseResult> release(String sessionId) {
        Map<Integer, OpenStream> streams = sessions.remove(sessionId);
        if (streams == null) {
            return CompletableFuture.completedFuture(new ReleaseResult.UnknownSession(sessionId));
        }
        List<CompletableFuture<StreamStats>> closing = new ArrayList<>();
        synchronized (streams) {
            for (OpenStream s : streams.values()) {
                closing.add(s.stream().close().toCompletableFuture().whenComplete((stats, e) -> freePorts(s)));
            }
        }
        return CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> new ReleaseResult.Released(closing.stream().map(CompletableFuture::join).toList()));
    }

    /** Current counters of a session's streams, by stream index; empty when the node holds no such session. */
    public CompletionStage<List<StreamStats>> stats(String sessionId) {
        Map<Integer, OpenStream> streams = sessions.get(sessionId);
        if (streams == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<CompletableFuture<StreamStats>> reading = new ArrayList<>();
        synchronized (streams) {
            streams.values().forEach(s -> reading.add(s.stream().stats().toCompletableFuture()));
        }
        return CompletableFuture.allOf(reading.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> reading.stream().map(CompletableFuture::join).toList());
    }

    /** Refuses new allocations and releases every session (node shutdown). */
    public CompletionStage<Void> closeAll() {
        closing = true;
        List<CompletableFuture<ReleaseResult>> all = new ArrayList<>();
        for (String id : List.copyOf(sessions.keySet())) {
            all.add(release(id).toCompletableFuture());
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
    }

    public int sessionCount() {
        return sessions.size();
    }

    public int freePortPairs() {
        return pool.free();
    }

    /**
     * Opens one stream on two fresh pairs. When a port cannot be bound, the healthy pair goes back to the pool and
     * the failed one into {@code setAside}, so that the retry cannot pick it again.
     */
    private CompletionStage<OpenStream> open(StreamSetup s, int attemptsLeft, List<PortPair> setAside) {
        Optional<PortPair> a = pool.allocate();
        Optional<PortPair> b = a.isPresent() ? pool.allocate() : Optional.empty();
        if (a.isEmpty() || b.isEmpty()) {
            a.ifPresent(pool::release);
            return CompletableFuture.failedFuture(new PortsExhaustedException());
        }
        PortPair callerFacing = a.get();
        PortPair calleeFacing = b.get();
        return MediaStream.open(plane, config.bindAddress(), s.index(), s.media(), callerFacing, calleeFacing)
                .thenApply(m -> new OpenStream(m, callerFacing, calleeFacing))
                .exceptionallyCompose(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    int port = cause instanceof PortBindException pbe ? pbe.port() : -1;
                    PortPair bad = port == calleeFacing.rtp() || port == calleeFacing.rtcp() ? calleeFacing : callerFacing;
                    PortPair good = bad == callerFacing ? calleeFacing : callerFacing;
                    pool.release(good);
                    synchronized (setAside) {
                        setAside.add(bad);
                    }
                    LOG.log(Level.WARNING, cause.getMessage() + "; pair " + bad.rtp() + "/" + bad.rtcp() + " skipped");
                    return attemptsLeft > 1 ? open(s, attemptsLeft - 1, setAside) : CompletableFuture.failedFuture(cause);
                });
    }

    private CompletionStage<AllocateResult> applyHints(AllocateRequest request, Map<Integer, OpenStream> streams) {
        List<CompletableFuture<Void>> hinting = new ArrayList<>();
        List<StreamPorts> ports = new ArrayList<>();
        synchronized (streams) {
            for (StreamSetup s : request.streams()) {
                OpenStream open = streams.get(s.index());
                hinting.add(open.stream().applyHints(request.party(), s.hints()).toCompletableFuture());
                ports.add(new StreamPorts(s.index(), open.callerFacing(), open.calleeFacing()));
            }
        }
        return CompletableFuture.allOf(hinting.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> new AllocateResult.Allocated(config.advertised(), ports));
    }

    private AllocateResult failure(Throwable error, int needed) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof PortsExhaustedException) {
            return new AllocateResult.PortsExhausted(pool.free(), needed);
        }
        return new AllocateResult.Rejected("cannot bind media ports on " + config.bindAddress().getHostAddress()
                + ": " + cause.getMessage());
    }

    private void forgetIfEmpty(String sessionId) {
        sessions.computeIfPresent(sessionId, (id, streams) -> {
            synchronized (streams) {
                return streams.isEmpty() ? null : streams;
            }
        });
    }

    private void freePorts(OpenStream s) {
        pool.release(s.callerFacing());
        pool.release(s.calleeFacing());
    }

    /** Closes a stream opened for a request that failed as a whole, and frees its ports once closed. */
    private void discard(OpenStream s) {
        s.stream().close().whenComplete((stats, e) -> freePorts(s));
    }

    /** Internal signal: the pool ran dry while opening streams. */
    private static final class PortsExhaustedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortsExhaustedException() {
            super("port pool exhausted", null, false, false);
        }
    }
}
