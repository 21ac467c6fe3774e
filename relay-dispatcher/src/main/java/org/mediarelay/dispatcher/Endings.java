package org.mediarelay.dispatcher;

import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import org.mediarelay.accounting.Accounting;
import org.mediarelay.accounting.Written;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.accounting.cdr.DialogEnding;
import org.mediarelay.accounting.cdr.TerminationReason;
import org.mediarelay.dispatcher.cluster.RelayNodes;
import org.mediarelay.dispatcher.command.ErrorCode;
import org.mediarelay.dispatcher.session.Branches;
import org.mediarelay.dispatcher.session.CallLock;
import org.mediarelay.dispatcher.session.CallSession;
import org.mediarelay.dispatcher.session.SessionStore;
import org.mediarelay.node.api.NodeApi;
import org.mediarelay.node.api.ReleaseResult;
import org.mediarelay.node.api.StreamStats;

/**
 * How a call ends: its node releases it (or is gone), its CDR is made durable, then the session is forgotten; or one
 * branch of it ends alone. Keeps each session's last interim counters for a node that is lost. Used inside the
 * call's lock ({@link CallLock}), except {@link #endEach}, which takes each call's lock itself.
 */
final class Endings {

    private static final System.Logger LOG = System.getLogger(Endings.class.getName());
    /** How long the CDR of a call the relay ended waits for the proxy to say it ended the dialog. */
    static final Duration DIALOG_END_WAIT = Duration.ofSeconds(15);
    /**
     * Counters not refreshed for this long, of a call no longer in the store, are forgotten: another dispatcher
     * ended it (its node reports every 5 s while the call is up).
     */
    static final Duration STALE_INTERIM = Duration.ofSeconds(30);

    private final RelayNodes nodes;
    private final SessionStore store;
    private final CallLock lock;
    private final Accounting accounting;
    private final Clock clock;
    private final CallTotals totals;
    private final DialogEnder dialogs;
    /** The last interim counters of each session, by session id. */
    private final Map<String, Interim> interims = new ConcurrentHashMap<>();
    /** Sessions that ended while the disk refused their CDR, by session id, with the disk's reason. */
    private final Map<String, String> unwritten = new ConcurrentHashMap<>();
    /** How many interim records each session has had written. */
    private final Map<String, Long> interimRecords = new ConcurrentHashMap<>();
    private volatile Duration interimEvery = Duration.ZERO;
    private volatile BooleanSupplier writesInterims = () -> false;
    private volatile Instant lastSweep = Instant.EPOCH;

    Endings(RelayNodes nodes, SessionStore store, CallLock lock, Accounting accounting, Clock clock, CallTotals totals,
            DialogEnder dialogs) {
        this.lock = lock;
        this.dialogs = dialogs;
        this.nodes = nodes;
        this.store = store;
        this.accounting = accounting;
        this.clock = clock;
        this.totals = totals;
    }

    /**
     * Ends each session {@code which} selects, one at a time per call like any other operation; a session that ended
     * or changed (another session id) meanwhile is left alone. Completes when all are done or failed.
     */
    Future<Void> endEach(Predicate<CallSession> which, Function<CallSession, Future<Ended>> ending) {
        List<Future<?>> all = new ArrayList<>();
        for (CallSession s : store.all()) {
            if (which.test(s)) {
                all.add(lock.run(s.callId(), () -> store.get(s.callId())
                        .filter(current -> current.sessionId().equals(s.sessionId()))
                        .<Future<Object>>map(current -> ending.apply(current).map(ended -> (Object) ended))
                        .orElse(Future.succeededFuture())));
            }
        }
        return Future.join(all).mapEmpty();
    }

    /** One branch of a forked call ends: its node session is released, and the call goes on without it. */
    Future<Void> endBranch(CallSession s, int branch) {
        String nodeSession = s.branches().get(branch).nodeSession();
        store.put(s.withBranches(s.branches().removed(branch)));
        LOG.log(Level.DEBUG, () -> "call " + s.callId() + ": branch " + branch + " ended");
        return nodes.byId(s.nodeId()).map(n -> n.release(nodeSession)
                        .recover(e -> Future.failedFuture(new Refused(ErrorCode.NODE_UNAVAILABLE,
                                "relay node " + s.nodeId() + " did not answer: " + e.getMessage()))))
                .orElse(Future.succeededFuture()).mapEmpty();
    }

    /** A CDR written, with the final counters it was built from. */
    record Ended(Cdr cdr, List<StreamStats> streams) {
    }

    private record Interim(Instant at, String callId, List<StreamStats> streams) {
    }

    /**
     * Releases the session's ports, then makes its CDR durable, then forgets it. If the node cannot be reached the
     * session stays (a later delete can finish it); if the disk refuses the CDR, the session stays until the CDR,
     * kept and retried, is on disk (ending it again meanwhile is refused, so there is never a second CDR).
     */
    Future<Ended> end(CallSession s, TerminationReason reason) {
        Optional<Refused> stillWriting = unwritten(s);
        if (stillWriting.isPresent()) {
            return Future.failedFuture(stillWriting.get());
        }
        Optional<NodeApi> node = nodes.byId(s.nodeId());
        if (node.isEmpty()) {
            return askProxy(s, reason).compose(dialog -> record(s, List.of(), reason, dialog));
        }
        // Every branch's session closes; the CDR has the counters of the branch that answered last.
        String active = s.branches().active().nodeSession();
        List<Future<?>> others = new ArrayList<>();
        for (Branches.Branch b : s.branches().list()) {
            if (!b.nodeSession().equals(active)) {
                others.add(node.get().release(b.nodeSession()));
            }
        }
        Future<List<StreamStats>> released = node.get().release(active)
                .recover(e -> Future.failedFuture(new Refused(ErrorCode.NODE_UNAVAILABLE,
                        "relay node " + s.nodeId() + " did not answer: " + e.getMessage())))
                .map(r -> r instanceof ReleaseResult.Released rel ? rel.streams() : List.<StreamStats>of());
        return Future.join(others).transform(ignored -> released)
                .compose(stats -> askProxy(s, reason).compose(dialog -> record(s, stats, reason, dialog)));
    }

    /** The session's node is gone: its CDR from the node's last interim counters, reason {@code relay-lost}. */
    Future<Ended> lost(CallSession s) {
        Interim last = interims.get(s.sessionId());
        Optional<Refused> stillWriting = unwritten(s);
        if (stillWriting.isPresent()) {
            return Future.failedFuture(stillWriting.get());
        }
        return askProxy(s, TerminationReason.RELAY_LOST).compose(dialog -> record(s,
                last == null ? List.of() : last.streams(), TerminationReason.RELAY_LOST, dialog));
    }

    /**
     * An answered call the relay ends on its own ({@link DialogEnding#asksProxy}): the proxy is asked to end its SIP
     * dialog, and the CDR says what became of that. Bounded: a proxy that takes longer is {@code failed}.
     */
    private Future<Optional<DialogEnding>> askProxy(CallSession s, TerminationReason reason) {
        if (!DialogEnding.asksProxy(reason) || s.calleeTag().isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return dialogs.end(s).timeout(DIALOG_END_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .otherwise(e -> {
                    LOG.log(Level.WARNING, "call " + s.callId() + ": no proxy ended its dialog within "
                            + DIALOG_END_WAIT.toSeconds() + " s: " + e.getMessage());
                    return DialogEnding.FAILED;
                }).map(Optional::of);
    }

    /**
     * Makes the session's CDR durable, then forgets the session. When the disk refuses it, the CDR is kept and retried
     * by accounting, the session stays (listed, and counted as open) until the CDR is on disk, and the caller gets
     * {@link ErrorCode#ACCOUNTING_FAILED} at once: the call is over, its ports are free, its record is not safe yet.
     */
    private Future<Ended> record(CallSession s, List<StreamStats> stats, TerminationReason reason,
                                 Optional<DialogEnding> dialog) {
        Optional<Refused> stillWriting = unwritten(s);
        if (stillWriting.isPresent()) {
            return Future.failedFuture(stillWriting.get());
        }
        Cdr built = CdrBuilder.build(s, stats, clock.instant(), reason);
        Cdr cdr = dialog.map(built::withDialogEnd).orElse(built);
        return accounting.record(cdr)
                .recover(e -> Future.failedFuture(new Refused(ErrorCode.ACCOUNTING_FAILED,
                        "CDR of call '" + s.callId() + "' not written: " + e.getMessage())))
                .compose(written -> {
                    if (written instanceof Written.Retrying r) {
                        unwritten.put(s.sessionId(), r.reason());
                        r.durable().onSuccess(v -> forget(s, cdr, reason))
                                .onFailure(e -> unwritten.remove(s.sessionId()));
                        return Future.failedFuture(notYetDurable(s, r.reason()));
                    }
                    forget(s, cdr, reason);
                    return Future.succeededFuture(new Ended(cdr, stats));
                });
    }

    /** The session's CDR is durable: it goes from the store and from this dispatcher's memory. */
    private void forget(CallSession s, Cdr cdr, TerminationReason reason) {
        store.remove(s.callId());
        interims.remove(s.sessionId());
        interimRecords.remove(s.sessionId());
        unwritten.remove(s.sessionId());
        LOG.log(Level.DEBUG, () -> "call " + s.callId() + " ended (" + reason.token() + ")");
        totals.ended(cdr);
    }

    /**
     * The session already ended and its CDR waits for the disk: ending it again (a repeated delete, a drain, the
     * shutdown) must not make a second CDR.
     */
    Optional<Refused> unwritten(CallSession s) {
        return Optional.ofNullable(unwritten.get(s.sessionId())).map(reason -> notYetDurable(s, reason));
    }

    private static Refused notYetDurable(CallSession s, String reason) {
        return new Refused(ErrorCode.ACCOUNTING_FAILED, "call '" + s.callId() + "' ended but its CDR is not on disk "
                + "yet (" + reason + "): kept and written again until it is");
    }

    /** Interim records every {@code every} of a call's life (zero: none), written while {@code acts} holds. */
    void interimRecords(Duration every, BooleanSupplier acts) {
        interimEvery = every;
        writesInterims = acts;
    }

    /**
     * The node's latest counters of a session (every 5 s). Once per {@code cdr.interim} of the call's life they also
     * become an interim record, on the one dispatcher that acts on node reports.
     */
    void interim(CallSession s, List<StreamStats> streams) {
        Instant now = clock.instant();
        interims.put(s.sessionId(), new Interim(now, s.callId(), streams));
        sweep(now);
        Duration every = interimEvery;
        if (every.isZero() || !writesInterims.getAsBoolean()) {
            return;
        }
        long n = Duration.between(s.created(), now).toMillis() / every.toMillis();
        if (n < 1 || interimRecords.getOrDefault(s.sessionId(), 0L) >= n) {
            return;
        }
        interimRecords.put(s.sessionId(), n);
        Cdr cdr = CdrBuilder.interim(s, streams, now, n);
        accounting.record(cdr).onSuccess(w -> {
            if (w instanceof Written.Retrying r) {
                LOG.log(Level.WARNING, "interim record " + cdr.recordId() + " of call " + s.callId()
                        + " not on disk yet (" + r.reason() + "): kept and written again");
            }
        }).onFailure(e -> LOG.log(Level.ERROR, "interim record " + cdr.recordId() + " of call " + s.callId()
                + " not written", e));
    }

    /**
     * At most once per {@link #STALE_INTERIM}: forgets the counters of calls that left the store without this
     * dispatcher (in a cluster the one that acts on node reports keeps every call's, and any dispatcher may end a
     * call), which nothing else would ever remove.
     */
    private void sweep(Instant now) {
        if (Duration.between(lastSweep, now).compareTo(STALE_INTERIM) < 0) {
            return;
        }
        lastSweep = now;
        Instant stale = now.minus(STALE_INTERIM);
        interims.entrySet().removeIf(e -> e.getValue().at().isBefore(stale)
                && store.get(e.getValue().callId()).isEmpty());
        interimRecords.keySet().removeIf(sessionId -> !interims.containsKey(sessionId));
    }

    /** When the node last reported this session's counters, if it did. */
    Optional<Instant> lastInterim(String sessionId) {
        return Optional.ofNullable(interims.get(sessionId)).map(Interim::at);
    }
}
