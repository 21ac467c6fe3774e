package org.mediarelay.node.session;

import java.util.ArrayList;
import java.util.HashMap;
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
import org.mediarelay.node.loop.SessionLoop;
import org.mediarelay.node.timer.TimerWheel;

/**
 * One call on a node: its streams, when it was offered and answered, and its timers. Lives on one
 * {@link SessionLoop}; every method runs there but two. It checks itself when its timer falls due: streams that ICE
 * took around the relay are closed (the call goes on), and a session whose media has timed out is reported, again
 * every minute, until the dispatcher releases it.
 *
 * <p>The two for other threads work on a copy of the streams that the loop publishes after each change:
 * {@link #opening} sets it for a session not yet on its loop, {@link #signalAhead} reads it.
 */
public final class NodeSession implements SessionLoop.Due {

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
    /**
     * Streams closed while the call goes on (ICE went direct, or an offer took them away), with their final counters
     * and their ports as they were; made when the first one ends (most calls never have one).
     */
    private TreeMap<Integer, Ended> ended;
    private final long created;
    private Optional<Long> answered = Optional.empty();
    private TimerWheel.Entry<SessionLoop.Due> check;
    private boolean reported;
    private long lastReport;
    private boolean closed;
    /** The last {@link #stats()}, handed out again while nothing changed. */
    private List<StreamStats> lastStats = List.of();
    /** What {@link #has} and {@link #ports} would say, and the open streams: published by the loop for other threads. */
    private volatile View view = new View(Map.of(), Map.of());

    /** Streams by index whose ports the session keeps (open or ICE-direct), and the open ones. */
    private record View(Map<Integer, StreamPorts> ports, Map<Integer, MediaStream> open) {
    }

    private record Ended(StreamStats stats, StreamPorts ports) {
    }

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

    /** From any thread: the ports of a stream as other threads see them (see {@link #signalAhead}). */
    public Optional<StreamPorts> portsOf(int index) {
        return Optional.ofNullable(view.ports().get(index));
    }

    /** On the loop: one of its open streams, whose interfaces the streams a request adds keep unless it asks. */
    public Optional<MediaStream> anyStream() {
        return streams.values().stream().findFirst();
    }

    /** Whether the stream exists or ended in a way that keeps its index (ICE went direct); a removed one may return. */
    public boolean has(int index) {
        Ended gone = ended == null ? null : ended.get(index);
        return streams.containsKey(index) || (gone != null && gone.stats().state() != StreamState.REMOVED);
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
                keepEnded(s);
            }
        }
        publish();
    }

    /**
     * From the thread that opened them, before the session is known to any other: these streams will join the session
     * on its loop; until then, other threads see them as its streams already.
     */
    public void opening(List<MediaStream> opened) {
        Map<Integer, StreamPorts> ports = new HashMap<>();
        Map<Integer, MediaStream> open = new HashMap<>();
        for (MediaStream m : opened) {
            ports.put(m.index(), m.ports());
            open.put(m.index(), m);
        }
        view = new View(Map.copyOf(ports), Map.copyOf(open));
    }

    /**
     * From any thread: when the request only signals streams the session has (none to open, and none to close for a
     * complete request), the hints are posted to the streams, to be in effect before their next packet, and the ports
     * are returned; the loop must then run {@link #signalledAhead}. Otherwise empty, and nothing is done: the request
     * needs the loop ({@link #signalled} and the rest).
     */
    public Optional<List<StreamPorts>> signalAhead(Party party, List<StreamSetup> setups, boolean complete) {
        View v = view;
        List<StreamPorts> out = new ArrayList<>(setups.size());
        for (StreamSetup s : setups) {
            StreamPorts p = v.ports().get(s.index());
            if (p == null) {
                return Optional.empty();
            }
            out.add(p);
        }
        if (complete) {
            Set<Integer> listed = new HashSet<>();
            setups.forEach(s -> listed.add(s.index()));
            if (!listed.containsAll(v.open().keySet())) {
                return Optional.empty();
            }
        }
        for (StreamSetup s : setups) {
            MediaStream m = v.open().get(s.index());
            if (m != null) {
                m.post(party, s);
            }
        }
        return Optional.of(out);
    }

    /** On the loop, after {@link #signalAhead}: the posted hints take effect now, and the timers start again. */
    public void signalledAhead(Party party, List<StreamSetup> setups) {
        for (StreamSetup s : setups) {
            MediaStream stream = streams.get(s.index());
            if (stream != null) {
                stream.applyPosted();
            }
        }
        signalledAt(party);
    }

    /** On the loop, after each change of the streams: what other threads see of them. */
    private void publish() {
        Map<Integer, StreamPorts> ports = new HashMap<>();
        if (ended != null) {
            ended.forEach((i, gone) -> {
                if (gone.stats().state() != StreamState.REMOVED) {
                    ports.put(i, gone.ports());
                }
            });
        }
        streams.forEach((i, m) -> ports.put(i, m.ports()));
        view = new View(Map.copyOf(ports), Map.copyOf(streams));
    }

    public String sessionId() {
        return sessionId;
    }

    public String callId() {
        return callId;
    }

    public boolean isEmpty() {
        return streams.isEmpty() && (ended == null || ended.isEmpty());
    }

    public void add(MediaStream stream) {
        streams.put(stream.index(), stream);
        // A stream taken away earlier and offered again: the new one takes its place.
        if (ended != null) {
            ended.remove(stream.index());
        }
        publish();
    }

    /** A party signalled these streams (offer, answer, re-offer): their hints, and the timers start again. */
    public void signalled(Party party, List<StreamSetup> setups) {
        signalled(party, setups, List.of());
    }

    /**
     * As {@link #signalled(Party, List)}, for a request that opened {@code opened}. Requests take effect in the order
     * they came: on a stream that existed, hints posted meanwhile came from earlier requests and go first; on a stream
     * this request opened, anything posted came from a later request (it could post as soon as {@link #opening}
     * published the ports: an answer while the offer waits for the loop) and goes after this request's hints, or the
     * offer would undo what its answer settled (the offerer's negotiated rtcp-mux).
     */
    public void signalled(Party party, List<StreamSetup> setups, java.util.Collection<MediaStream> opened) {
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

    /** The ports of these streams; each must exist. */
    public List<StreamPorts> ports(List<StreamSetup> setups) {
        List<StreamPorts> out = new ArrayList<>(setups.size());
        for (StreamSetup s : setups) {
            MediaStream m = streams.get(s.index());
            Ended gone = m != null || ended == null ? null : ended.get(s.index());
            out.add(m != null ? m.ports() : gone == null ? null : gone.ports());
        }
        return out;
    }

    /**
     * Every stream's counters so far, by index (the ended ones' final counters among them). The same list as last time
     * while no stream's snapshot changed: a held call reports its counters every few seconds, mostly unchanged.
     */
    public List<StreamStats> stats() {
        List<StreamStats> last = lastStats;
        if ((ended == null || ended.isEmpty()) && last.size() == streams.size()) {
            int i = 0;
            boolean same = true;
            for (MediaStream s : streams.values()) {
                same &= s.snapshot() == last.get(i++);
            }
            if (same) {
                return last;
            }
        }
        Map<Integer, StreamStats> all = endedStats();
        streams.forEach((i, s) -> all.put(i, s.snapshot()));
        lastStats = List.copyOf(all.values());
        return lastStats;
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
        view = new View(Map.of(), Map.of());
        return CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            Map<Integer, StreamStats> all = endedStats();
            closing.forEach(f -> all.put(f.join().index(), f.join()));
            return List.copyOf(all.values());
        });
    }

    /**
     * The timer fell due (or a party signalled): close streams ICE took elsewhere, report an expiry, plan the next
     * look.
     */
    @Override
    public void check() {
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
        keepEnded(s);
        publish();
        listener.event(new NodeEvent.IceDirect(nodeId, sessionId, callId, s.index()));
    }

    /** Keeps a stream that closed while the call goes on: its final counters and its ports. */
    private void keepEnded(MediaStream s) {
        if (ended == null) {
            ended = new TreeMap<>();
        }
        ended.put(s.index(), new Ended(s.snapshot(), s.ports()));
    }

    /** The ended streams' final counters by index, in a map of the caller's. */
    private Map<Integer, StreamStats> endedStats() {
        Map<Integer, StreamStats> all = new TreeMap<>();
        if (ended != null) {
            ended.forEach((i, gone) -> all.put(i, gone.stats()));
        }
        return all;
    }

    private void schedule(long at) {
        if (check != null) {
            check.cancel();
        }
        check = at == Long.MAX_VALUE ? null : loop.schedule(this, at);
    }
}
