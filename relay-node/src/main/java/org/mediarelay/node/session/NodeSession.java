package org.mediarelay.node.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mediarelay.node.api.NodeEvent;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.api.StreamState;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.forward.MediaStream;
import org.mediarelay.node.ice.IceWatch;
import org.mediarelay.node.timer.TimerWheel;

/**
 * One call on a node: its streams, when it was offered and answered, and its timers. Lives on one
 * {@link SessionLoop}; every method runs there. It checks itself when its timer falls due: streams that ICE took
 * around the relay are closed (the call goes on), and a session whose media has timed out is reported, again every
 * minute, until the dispatcher releases it.
 */
public final class NodeSession {

    /** How often an unreleased expired session is reported again. */
    static final long REPORT_AGAIN_MILLIS = 60_000;
    /** How often a stream whose ICE is undecided is looked at. */
    static final long ICE_CHECK_MILLIS = 1_000;

    /** What a session tells its node. */
    public interface Listener {
        void event(NodeEvent event);

        /** A stream's sockets are closed: its ports may be reused. */
        void streamClosed(MediaStream stream);
    }

    private final String nodeId;
    private final String sessionId;
    private final String callId;
    private final SessionLoop loop;
    private final TimeoutPolicy timeouts;
    private final Listener listener;
    private final Map<Integer, MediaStream> streams = new TreeMap<>();
    /** Streams closed while the call goes on (ICE went direct), with their final counters. */
    private final Map<Integer, StreamStats> ended = new TreeMap<>();
    private final long created;
    private Optional<Long> answered = Optional.empty();
    private TimerWheel.Entry<NodeSession> check;
    private boolean reported;
    private long lastReport;
    private boolean closed;

    public NodeSession(String nodeId, String sessionId, String callId, SessionLoop loop, TimeoutPolicy timeouts,
                       Listener listener) {
        this.nodeId = nodeId;
        this.sessionId = sessionId;
        this.callId = callId;
        this.loop = loop;
        this.timeouts = timeouts;
        this.listener = listener;
        this.created = loop.now();
    }

    public SessionLoop loop() {
        return loop;
    }

    /** Whether the stream exists or ended in a way that keeps its index (ICE went direct); a removed one may return. */
    public boolean has(int index) {
        StreamStats gone = ended.get(index);
        return streams.containsKey(index) || (gone != null && gone.state() != StreamState.REMOVED);
    }

    /**
     * The streams not in {@code present} were taken away by the last offer or answer: each is closed, its ports
     * freed, its counters kept for the CDR.
     */
    public void keepOnly(List<StreamSetup> present) {
        Set<Integer> keep = new HashSet<>();
        present.forEach(s -> keep.add(s.index()));
        for (MediaStream s : List.copyOf(streams.values())) {
            if (!keep.contains(s.index())) {
                streams.remove(s.index());
                s.close(StreamState.REMOVED).whenComplete((stats, e) -> loop.eventLoop()
                        .execute(() -> listener.streamClosed(s)));
                ended.put(s.index(), s.snapshot());
            }
        }
    }

    public String sessionId() {
        return sessionId;
    }

    public String callId() {
        return callId;
    }

    public boolean isEmpty() {
        return streams.isEmpty() && ended.isEmpty();
    }

    public void add(MediaStream stream) {
        streams.put(stream.index(), stream);
        // A stream taken away earlier and offered again: the new one takes its place.
        ended.remove(stream.index());
    }

    /** A party signalled these streams (offer, answer, re-offer): their hints, and the timers start again. */
    public void signalled(Party party, List<StreamSetup> setups) {
        for (StreamSetup s : setups) {
            MediaStream stream = streams.get(s.index());
            if (stream != null) {
                stream.applyHints(party, s.hints(), s.clockRates());
            }
        }
        if (party == Party.CALLEE && answered.isEmpty()) {
            answered = Optional.of(loop.now());
        }
        // At once: a re-offer may say ICE went direct, and deadlines move with the signalling.
        check();
    }

    /** The ports of these streams; each must exist. */
    public List<StreamPorts> ports(List<StreamSetup> setups) {
        List<StreamPorts> out = new ArrayList<>(setups.size());
        for (StreamSetup s : setups) {
            MediaStream m = streams.get(s.index());
            StreamStats gone = ended.get(s.index());
            out.add(m != null
                    ? new StreamPorts(s.index(), m.facing(Party.CALLER), m.facing(Party.CALLEE))
                    : new StreamPorts(s.index(), gone.callerFacing(), gone.calleeFacing()));
        }
        return out;
    }

    public List<StreamStats> stats() {
        Map<Integer, StreamStats> all = new TreeMap<>(ended);
        streams.forEach((i, s) -> all.put(i, s.snapshot()));
        return List.copyOf(all.values());
    }

    /** Closes every stream; completes with the final counters once every socket is closed. */
    public CompletionStage<List<StreamStats>> close() {
        closed = true;
        if (check != null) {
            check.cancel();
        }
        List<CompletableFuture<StreamStats>> closing = new ArrayList<>();
        for (MediaStream s : streams.values()) {
            closing.add(s.close(s.state()).toCompletableFuture().whenComplete((st, e) -> listener.streamClosed(s)));
        }
        streams.clear();
        return CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            Map<Integer, StreamStats> all = new TreeMap<>(ended);
            closing.forEach(f -> all.put(f.join().index(), f.join()));
            return List.copyOf(all.values());
        });
    }

    /**
     * The timer fell due (or a party signalled): close streams ICE took elsewhere, report an expiry, plan the next
     * look.
     */
    void check() {
        if (closed) {
            return;
        }
        long now = loop.now();
        boolean undecided = false;
        for (MediaStream s : List.copyOf(streams.values())) {
            IceWatch.State ice = s.iceState();
            // A stream both parties do ICE on that never carried media and went silent: ICE found another path.
            boolean silentIce = ice == IceWatch.State.UNDECIDED && !s.carriedMedia() && answered.isPresent()
                    && now - Math.max(s.lastActivity(), answered.get()) >= timeouts.noMedia().toMillis();
            if (ice == IceWatch.State.DIRECT || silentIce) {
                bailOut(s);
            } else {
                undecided |= ice == IceWatch.State.UNDECIDED;
            }
        }
        List<Deadlines.StreamFacts> facts = new ArrayList<>(streams.size());
        streams.values().forEach(s -> facts.add(new Deadlines.StreamFacts(s.lastActivity(), s.onHold())));
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

    private void bailOut(MediaStream s) {
        streams.remove(s.index());
        // Closing freezes the counters at once (packets still in flight are no longer forwarded).
        s.close(StreamState.ICE_DIRECT).whenComplete((stats, e) -> loop.eventLoop().execute(() -> listener.streamClosed(s)));
        ended.put(s.index(), s.snapshot());
        listener.event(new NodeEvent.IceDirect(nodeId, sessionId, callId, s.index()));
    }

    private void schedule(long at) {
        if (check != null) {
            check.cancel();
        }
        check = at == Long.MAX_VALUE ? null : loop.schedule(this, at);
    }
}
