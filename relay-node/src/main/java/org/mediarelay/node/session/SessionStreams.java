package org.mediarelay.node.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.api.StreamState;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.forward.MediaStream;

/**
 * A session's streams: the open ones, those that ended while the call goes on (with their final counters and ports),
 * and a copy of both that other threads read. Owned by the session's loop; {@link #opening}, {@link #portsOf} and
 * {@link #postAhead} are for other threads and work on the copy, which the loop publishes after each change.
 */
final class SessionStreams {

    private final Map<Integer, MediaStream> open = new TreeMap<>();
    /**
     * Streams closed while the call goes on (ICE went direct, or an offer took them away), with their final counters
     * and their ports as they were; made when the first one ends (most calls never have one).
     */
    private TreeMap<Integer, Ended> ended;
    /** The last {@link #stats()}, handed out again while nothing changed. */
    private List<StreamStats> lastStats = List.of();
    /** What {@link #has} and {@link #ports} would say, and the open streams: published by the loop for other threads. */
    private volatile View view = new View(Map.of(), Map.of());

    /** Streams by index whose ports the session keeps (open or ICE-direct), and the open ones. */
    private record View(Map<Integer, StreamPorts> ports, Map<Integer, MediaStream> open) {
    }

    private record Ended(StreamStats stats, StreamPorts ports) {
    }

    /**
     * From the thread that opened them, before the session is known to any other: these streams will join the session
     * on its loop; until then, other threads see them as its streams already.
     */
    void opening(List<MediaStream> opened) {
        Map<Integer, StreamPorts> ports = new HashMap<>();
        Map<Integer, MediaStream> streams = new HashMap<>();
        for (MediaStream m : opened) {
            ports.put(m.index(), m.ports());
            streams.put(m.index(), m);
        }
        view = new View(Map.copyOf(ports), Map.copyOf(streams));
    }

    /** From any thread: the ports of a stream as other threads see them. */
    Optional<StreamPorts> portsOf(int index) {
        return Optional.ofNullable(view.ports().get(index));
    }

    /**
     * From any thread: when the request only signals streams the session has (none to open, and none to close for a
     * complete request), the hints are posted to the streams, to be in effect before their next packet, and the ports
     * are returned. Otherwise empty, and nothing is posted.
     */
    Optional<List<StreamPorts>> postAhead(Party party, List<StreamSetup> setups, boolean complete) {
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

    MediaStream get(int index) {
        return open.get(index);
    }

    Optional<MediaStream> any() {
        return open.values().stream().findFirst();
    }

    /** A copy of the open streams. */
    List<MediaStream> openNow() {
        return List.copyOf(open.values());
    }

    /** Whether the stream exists or ended in a way that keeps its index (ICE went direct); a removed one may return. */
    boolean has(int index) {
        Ended gone = ended == null ? null : ended.get(index);
        return open.containsKey(index) || (gone != null && gone.stats().state() != StreamState.REMOVED);
    }

    boolean isEmpty() {
        return open.isEmpty() && (ended == null || ended.isEmpty());
    }

    void add(MediaStream stream) {
        open.put(stream.index(), stream);
        // A stream taken away earlier and offered again: the new one takes its place.
        if (ended != null) {
            ended.remove(stream.index());
        }
        publish();
    }

    /** The streams not in {@code present} are ended as removed; each is handed to {@code closed} once it is. */
    void keepOnly(List<StreamSetup> present, Consumer<MediaStream> closed) {
        Set<Integer> keep = new HashSet<>();
        present.forEach(s -> keep.add(s.index()));
        for (MediaStream s : List.copyOf(open.values())) {
            if (!keep.contains(s.index())) {
                end(s, StreamState.REMOVED, closed);
            }
        }
        publish();
    }

    /**
     * Ends one open stream in {@code state} while the call goes on: its final counters and ports are kept, and it is
     * handed to {@code closed} once its sockets are.
     */
    void end(MediaStream s, StreamState state, Consumer<MediaStream> closed) {
        open.remove(s.index());
        // Closing freezes the counters at once (packets still in flight are no longer forwarded).
        s.close(state).whenComplete((stats, e) -> closed.accept(s));
        if (ended == null) {
            ended = new TreeMap<>();
        }
        ended.put(s.index(), new Ended(s.snapshot(), s.ports()));
        publish();
    }

    /** The ports of these streams; each must exist. */
    List<StreamPorts> ports(List<StreamSetup> setups) {
        List<StreamPorts> out = new ArrayList<>(setups.size());
        for (StreamSetup s : setups) {
            MediaStream m = open.get(s.index());
            Ended gone = m != null || ended == null ? null : ended.get(s.index());
            out.add(m != null ? m.ports() : gone == null ? null : gone.ports());
        }
        return out;
    }

    /**
     * Every stream's counters so far, by index (the ended ones' final counters among them). The same list as last time
     * while no stream's snapshot changed: a held call reports its counters every few seconds, mostly unchanged.
     */
    List<StreamStats> stats() {
        List<StreamStats> last = lastStats;
        if ((ended == null || ended.isEmpty()) && last.size() == open.size()) {
            int i = 0;
            boolean same = true;
            for (MediaStream s : open.values()) {
                same &= s.snapshot() == last.get(i++);
            }
            if (same) {
                return last;
            }
        }
        Map<Integer, StreamStats> all = endedStats();
        open.forEach((i, s) -> all.put(i, s.snapshot()));
        lastStats = List.copyOf(all.values());
        return lastStats;
    }

    /**
     * Closes every open stream, each handed to {@code closed} once its sockets are; completes with every stream's
     * final counters then.
     */
    CompletionStage<List<StreamStats>> closeAll(Consumer<MediaStream> closed) {
        List<CompletableFuture<StreamStats>> closing = new ArrayList<>();
        for (MediaStream s : open.values()) {
            closing.add(s.close(s.state()).toCompletableFuture().whenComplete((st, e) -> closed.accept(s)));
        }
        open.clear();
        view = new View(Map.of(), Map.of());
        return CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            Map<Integer, StreamStats> all = endedStats();
            closing.forEach(f -> all.put(f.join().index(), f.join()));
            return List.copyOf(all.values());
        });
    }

    Collection<MediaStream> open() {
        return open.values();
    }

    /** After each change of the streams: what other threads see of them. */
    private void publish() {
        Map<Integer, StreamPorts> ports = new HashMap<>();
        if (ended != null) {
            ended.forEach((i, gone) -> {
                if (gone.stats().state() != StreamState.REMOVED) {
                    ports.put(i, gone.ports());
                }
            });
        }
        open.forEach((i, m) -> ports.put(i, m.ports()));
        view = new View(Map.copyOf(ports), Map.copyOf(open));
    }

    /** The ended streams' final counters by index, in a map of the caller's. */
    private Map<Integer, StreamStats> endedStats() {
        Map<Integer, StreamStats> all = new TreeMap<>();
        if (ended != null) {
            ended.forEach((i, gone) -> all.put(i, gone.stats()));
        }
        return all;
    }
}
