package org.mediarelay.node.session;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.mediarelay.node.api.AllocateRequest;
import org.mediarelay.node.api.AllocateResult;
import org.mediarelay.node.api.NodeEvent;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.api.StreamState;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.api.UpdateResult;
import org.mediarelay.node.forward.MediaStream;
import org.mediarelay.node.ice.IceWatch;
import org.mediarelay.node.loop.SessionLoop;
import org.mediarelay.node.timer.TimerWheel;

/**
 * One call on a node, and the one owner of its state: its streams, when it was offered and answered, its timers.
 * Everything of it runs on its {@link SessionLoop}. Its public methods may be called from any thread, one request at
 * a time (the dispatcher serialises a call's requests); each either answers at once from the copy of the streams the
 * loop publishes (the fast paths: a request that only signals streams the session has), or runs on the loop:
 * <ul>
 * <li>{@link #onLoop}: work the caller waits for (opening or closing streams, counters, release);</li>
 * <li>{@link SessionLoop#later}: work nobody waits for, run when the loop next wakes (hints posted ahead);</li>
 * <li>{@link SessionLoop#soon}: a new session's start, once the caller has sent its reply.</li>
 * </ul>
 * It checks itself when its timer falls due: streams that ICE took around the relay are closed (the call goes on), and
 * a session whose media has timed out is reported, again every minute, until the dispatcher releases it.
 */
public final class NodeSession implements SessionLoop.Due {

    /** How often an unreleased expired session is reported again. */
    static final long REPORT_AGAIN_MILLIS = 60_000;
    /** How often a stream whose ICE is undecided is looked at. */
    static final long ICE_CHECK_MILLIS = 1_000;

    /** What a session tells its node. */
    public interface Listener {
        void event(NodeEvent event);

        /** A failed request left the session without streams: the node forgets it if it still has it (then true). */
        boolean forget(NodeSession session);
    }

    private final String nodeId;
    private final String sessionId;
    private final String callId;
    private final LoopSessions home;
    private final SessionLoop loop;
    private final TimeoutPolicy timeouts;
    private final StreamSupply supply;
    private final Listener listener;
    private final SessionStreams streams = new SessionStreams();
    private final long created;
    private Optional<Long> answered = Optional.empty();
    private TimerWheel.Entry<SessionLoop.Due> check;
    private boolean reported;
    private long lastReport;
    private boolean closed;

    /** @param home the loop the session lives on, with its other sessions */
    public NodeSession(String nodeId, String sessionId, String callId, LoopSessions home, TimeoutPolicy timeouts,
                       StreamSupply supply, Listener listener) {
        this.nodeId = nodeId;
        this.sessionId = sessionId;
        this.callId = callId;
        this.home = home;
        this.loop = home.loop();
        this.timeouts = timeouts;
        this.supply = supply;
        this.listener = listener;
        this.created = loop.now();
    }

    public String sessionId() {
        return sessionId;
    }

    public String callId() {
        return callId;
    }

    /**
     * On the creating thread, before any other thread knows the session: its first request's streams are opened here
     * and the answer given without waiting for the loop. The sockets are handed to the loop, which is woken once the
     * caller has sent its reply (the answer needs only the ports; the sockets read nothing until the loop has set the
     * session up, and their datagrams wait in them).
     */
    public AllocateResult open(AllocateRequest request) {
        StreamSupply.Opening opening = supply.open(loop, request, request.streams(), Optional.empty());
        if (opening.failed()) {
            return opening.failure();
        }
        streams.opening(opening.streams());
        // Queued before the session can be found: whatever is asked of it later runs after this.
        loop.soon(() -> install(opening.streams(), request));
        supply.refillLater(loop);
        return supply.allocated(opening.streams().stream().map(MediaStream::ports).toList());
    }

    /**
     * A later offer or answer: opens the streams the session lacks and answers with the ports of all of them. A request
     * that only signals streams the session has (an answer, a re-offer of the same streams) posts its hints to the
     * streams and answers at once: the streams are live, and media sent as soon as the answer is out must meet the new
     * hints, so a stream applies what was posted before it handles its next packet. Anything else runs on the loop.
     */
    public CompletionStage<AllocateResult> allocate(AllocateRequest request) {
        Optional<String> foreign = supply.foreignFamily(request, streams::portsOf);
        if (foreign.isPresent()) {
            return CompletableFuture.completedFuture(new AllocateResult.Rejected(foreign.get()));
        }
        Optional<List<StreamPorts>> ports = signalAhead(request);
        if (ports.isPresent()) {
            return CompletableFuture.completedFuture(supply.allocated(ports.get()));
        }
        return onLoop(() -> extend(request));
    }

    /** New hints for streams the session has; none is opened. */
    public CompletionStage<UpdateResult> update(AllocateRequest request) {
        if (signalAhead(request).isPresent()) {
            return CompletableFuture.completedFuture(new UpdateResult.Updated());
        }
        return onLoop(() -> {
            for (StreamSetup s : request.streams()) {
                if (!streams.has(s.index())) {
                    return CompletableFuture.completedFuture(new UpdateResult.UnknownStream(s.index()));
                }
            }
            signalled(request.party(), request.streams(), List.of());
            return CompletableFuture.completedFuture(new UpdateResult.Updated());
        });
    }

    /** Every stream's counters so far, by index (the ended ones' final counters among them). */
    public CompletionStage<List<StreamStats>> stats() {
        return onLoop(() -> CompletableFuture.completedFuture(streams.stats()));
    }

    /** Closes every stream; completes with the final counters once every socket is closed. */
    public CompletionStage<List<StreamStats>> close() {
        return onLoop(() -> {
            home.remove(this);
            return closeHere();
        });
    }

    /** Runs {@code work} on the session's loop (at once when called there) and completes with its stage. */
    private <T> CompletionStage<T> onLoop(Supplier<? extends CompletionStage<T>> work) {
        return loop.submit(work);
    }

    /**
     * The request's hints posted ahead of the loop, and its ports; empty when the request needs the loop first. The
     * rest (the session's timers) waits for the loop's next wake-up, at most a tick away: the streams apply the hints
     * before their next packet anyway, and a loop woken for each answer takes the control thread's core from it.
     */
    private Optional<List<StreamPorts>> signalAhead(AllocateRequest request) {
        Optional<List<StreamPorts>> ports = streams.postAhead(request.party(), request.streams(), request.complete());
        ports.ifPresent(p -> loop.later(() -> signalledAhead(request.party(), request.streams())));
        return ports;
    }

    /** On the loop: the streams the request names and the session lacks are opened; the request's hints apply. */
    private CompletionStage<AllocateResult> extend(AllocateRequest request) {
        List<StreamSetup> missing = request.streams().stream().filter(s -> !streams.has(s.index())).toList();
        StreamSupply.Opening opening = supply.open(loop, request, missing, streams.any());
        if (opening.failed()) {
            if (streams.isEmpty() && listener.forget(this)) {
                home.remove(this);
                closeHere();
            }
            return CompletableFuture.completedFuture(opening.failure());
        }
        install(opening.streams(), request);
        supply.refillLater(loop);
        return CompletableFuture.completedFuture(supply.allocated(streams.ports(request.streams())));
    }

    /** On the loop: the opened streams start and join the session, and the request's hints apply. */
    private void install(List<MediaStream> opened, AllocateRequest request) {
        home.add(this);
        for (MediaStream stream : opened) {
            supply.start(stream);
            streams.add(stream);
        }
        if (request.complete()) {
            streams.keepOnly(request.streams(), this::closedLater);
        }
        signalled(request.party(), request.streams(), opened);
    }

    /** On the loop, after {@link #signalAhead}: the posted hints take effect now, and the timers start again. */
    private void signalledAhead(Party party, List<StreamSetup> setups) {
        for (StreamSetup s : setups) {
            MediaStream stream = streams.get(s.index());
            if (stream != null) {
                stream.applyPosted();
            }
        }
        signalledAt(party);
    }

    /**
     * On the loop: a party signalled these streams (offer, answer, re-offer), {@code opened} by this request. Requests
     * take effect in the order they came: on a stream that existed, hints posted meanwhile came from earlier requests
     * and go first; on a stream this request opened, anything posted came from a later request (it could post as soon
     * as {@link SessionStreams#opening} published the ports: an answer while the offer waits for the loop) and goes
     * after this request's hints, or the offer would undo what its answer settled (the offerer's negotiated rtcp-mux).
     */
    private void signalled(Party party, List<StreamSetup> setups, Collection<MediaStream> opened) {
        for (StreamSetup s : setups) {
            MediaStream stream = streams.get(s.index());
            if (stream == null) {
                continue;
            }
            if (opened.contains(stream)) {
                stream.applyHints(party, s);
                stream.applyPosted();
            } else {
                stream.applyPosted();
                stream.applyHints(party, s);
            }
        }
        signalledAt(party);
    }

    private void signalledAt(Party party) {
        if (party == Party.CALLEE && answered.isEmpty()) {
            answered = Optional.of(loop.now());
        }
        // At once: a re-offer may say ICE went direct, and deadlines move with the signalling.
        check();
    }

    /** On the loop: whether the session has no stream, open or ended. */
    boolean isEmpty() {
        return streams.isEmpty();
    }

    /** On the loop: {@link #stats()} without the hand-off (the same list as last time while nothing changed). */
    List<StreamStats> statsHere() {
        return streams.stats();
    }

    private CompletionStage<List<StreamStats>> closeHere() {
        closed = true;
        if (check != null) {
            check.cancel();
        }
        return streams.closeAll(supply::closed);
    }

    /** A stream ended while the call goes on: its ports are given back after the loop's current task. */
    private void closedLater(MediaStream s) {
        loop.eventLoop().execute(() -> supply.closed(s));
    }

    /**
     * On the loop, when the timer fell due (or a party signalled): close streams ICE took elsewhere, report an expiry,
     * plan the next look.
     */
    @Override
    public void check() {
        if (closed) {
            return;
        }
        long now = loop.now();
        boolean undecided = false;
        for (MediaStream s : streams.openNow()) {
            IceWatch.State ice = s.iceState();
            // A stream both parties do ICE on that never carried media and went silent: ICE found another path.
            boolean silentIce = ice == IceWatch.State.UNDECIDED && !s.carriedMedia() && answered.isPresent()
                    && now - Math.max(s.lastActivity(), answered.get()) >= timeouts.noMedia().toMillis();
            if (ice == IceWatch.State.DIRECT || silentIce) {
                streams.end(s, StreamState.ICE_DIRECT, this::closedLater);
                listener.event(new NodeEvent.IceDirect(nodeId, sessionId, callId, s.index()));
            } else {
                undecided |= ice == IceWatch.State.UNDECIDED;
            }
        }
        List<Deadlines.StreamFacts> facts = streams.open().stream()
                .map(s -> new Deadlines.StreamFacts(s.lastActivity(), s.onHold())).toList();
        Deadlines.Verdict v = Deadlines.evaluate(new Deadlines.SessionFacts(created, answered, facts), now, timeouts);
        long next = v.nextCheck();
        if (v.expired().isPresent()) {
            if (!reported || now - lastReport >= REPORT_AGAIN_MILLIS) {
                reported = true;
                lastReport = now;
                listener.event(new NodeEvent.SessionExpired(nodeId, sessionId, callId, v.expired().get()));
            }
            next = lastReport + REPORT_AGAIN_MILLIS;
        }
        if (undecided) {
            next = Math.min(next, now + ICE_CHECK_MILLIS);
        }
        schedule(next);
    }

    private void schedule(long at) {
        if (check != null) {
            check.cancel();
        }
        check = at == Long.MAX_VALUE ? null : loop.schedule(this, at);
    }
}
