package org.mediarelay.node.wire;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mediarelay.node.api.AddressFamily;
import org.mediarelay.node.api.AllocateRequest;
import org.mediarelay.node.api.AllocateResult;
import org.mediarelay.node.api.EndpointLearning;
import org.mediarelay.node.api.ExpiryReason;
import org.mediarelay.node.api.InterfaceChoice;
import org.mediarelay.node.api.NodeEvent;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.ReleaseResult;
import org.mediarelay.node.api.StatsResult;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.api.Transport;
import org.mediarelay.node.api.UpdateResult;

/**
 * The JSON form of the node's requests and results on the event bus: the same bytes whether the dispatcher and the
 * node share a JVM or not. Every message carries {@code v}, the protocol version; a reader refuses a version it does
 * not know rather than guess.
 */
public final class NodeProtocol {

    public static final int VERSION = 1;

    private NodeProtocol() {
    }

    public static JsonObject encode(AllocateRequest r) {
        JsonArray streams = new JsonArray();
        for (StreamSetup s : r.streams()) {
            JsonObject o = new JsonObject().put("index", s.index()).put("media", s.media())
                    .put("hints", StatsJson.hints(s.hints())).put("clock-rates", StatsJson.clockRates(s.clockRates()));
            s.peerRtcpMux().ifPresent(m -> o.put("peer-rtcp-mux", m));
            if (s.transport() != Transport.RTP) {
                o.put("transport", s.transport().token());
            }
            s.learning().ifPresent(l -> o.put("endpoint-learning", l.token()));
            streams.add(o);
        }
        JsonObject out = versioned().put("session", r.sessionId()).put("call-id", r.callId())
                .put("party", r.party().name()).put("streams", streams).put("complete", r.complete());
        if (!r.interfaces().any()) {
            JsonObject i = new JsonObject();
            r.interfaces().sender().ifPresent(n -> i.put("sender", n));
            r.interfaces().reader().ifPresent(n -> i.put("reader", n));
            r.interfaces().readerFamily().ifPresent(f -> i.put("reader-family", f.name()));
            out.put("interfaces", i);
        }
        return out;
    }

    private static InterfaceChoice interfaces(JsonObject i) {
        if (i == null) {
            return InterfaceChoice.ANY;
        }
        Optional<AddressFamily> family = Optional.ofNullable(i.getString("reader-family")).map(t ->
                AddressFamily.parse(t).orElseThrow(() -> new IllegalArgumentException("unknown reader-family " + t)));
        return new InterfaceChoice(Optional.ofNullable(i.getString("sender")), Optional.ofNullable(i.getString("reader")),
                family);
    }

    public static AllocateRequest decodeAllocateRequest(JsonObject j) {
        return read(j, () -> {
            List<StreamSetup> streams = new ArrayList<>();
            for (Object o : required(j.getJsonArray("streams"), "streams")) {
                JsonObject s = (JsonObject) o;
                Optional<EndpointLearning> learning = Optional.ofNullable(s.getString("endpoint-learning"))
                        .map(t -> EndpointLearning.parse(t).orElseThrow(
                                () -> new IllegalArgumentException("unknown endpoint-learning " + t)));
                streams.add(new StreamSetup(s.getInteger("index"), s.getString("media"),
                        Transport.parse(s.getString("transport", "rtp")), StatsJson.hints(s.getJsonObject("hints")),
                        StatsJson.clockRates(s.getJsonObject("clock-rates")),
                        Optional.ofNullable(s.getBoolean("peer-rtcp-mux")), learning));
            }
            return new AllocateRequest(required(j.getString("session"), "session"),
                    required(j.getString("call-id"), "call-id"), Party.valueOf(j.getString("party")), streams,
                    j.getBoolean("complete", false), interfaces(j.getJsonObject("interfaces")));
        });
    }

    public static JsonObject encode(AllocateResult r) {
        return r.fold(NodeProtocol::allocated,
                e -> versioned().put("result", "ports-exhausted").put("free", e.freePairs()).put("needed", e.neededPairs()),
                rej -> versioned().put("result", "rejected").put("reason", rej.reason()));
    }

    private static JsonObject allocated(AllocateResult.Allocated a) {
        JsonArray streams = new JsonArray();
        for (StreamPorts p : a.streams()) {
            streams.add(new JsonObject().put("index", p.index())
                    .put("caller-facing", StatsJson.pair(p.callerFacing()))
                    .put("callee-facing", StatsJson.pair(p.calleeFacing()))
                    .put("caller-address", p.callerAddress()).put("callee-address", p.calleeAddress()));
        }
        return versioned().put("result", "allocated").put("media-address", a.mediaAddress()).put("streams", streams);
    }

    public static AllocateResult decodeAllocateResult(JsonObject j) {
        return read(j, () -> {
            String result = required(j.getString("result"), "result");
            switch (result) {
                case "allocated": {
                    List<StreamPorts> streams = new ArrayList<>();
                    String primary = required(j.getString("media-address"), "media-address");
                    for (Object o : required(j.getJsonArray("streams"), "streams")) {
                        JsonObject s = (JsonObject) o;
                        // A node from before media interfaces names no address per stream: it has one.
                        streams.add(new StreamPorts(s.getInteger("index"),
                                StatsJson.pair(s.getJsonObject("caller-facing")),
                                StatsJson.pair(s.getJsonObject("callee-facing")),
                                s.getString("caller-address", primary), s.getString("callee-address", primary)));
                    }
                    return new AllocateResult.Allocated(primary, streams);
                }
                case "ports-exhausted":
                    return new AllocateResult.PortsExhausted(j.getInteger("free"), j.getInteger("needed"));
                case "rejected":
                    return new AllocateResult.Rejected(required(j.getString("reason"), "reason"));
                default:
                    throw new IllegalArgumentException("unknown allocate result '" + result + "'");
            }
        });
    }

    /** A request that names only a session (release, stats). */
    public static JsonObject encodeRelease(String sessionId) {
        return versioned().put("session", sessionId);
    }

    public static String decodeRelease(JsonObject j) {
        return read(j, () -> required(j.getString("session"), "session"));
    }

    public static JsonObject encode(ReleaseResult r) {
        return r.fold(rel -> versioned().put("result", "released").put("streams", streams(rel.streams())),
                u -> versioned().put("result", "unknown-session").put("session", u.sessionId()));
    }

    private static JsonArray streams(List<StreamStats> stats) {
        JsonArray streams = new JsonArray();
        stats.forEach(s -> streams.add(StatsJson.stream(s)));
        return streams;
    }

    public static ReleaseResult decodeReleaseResult(JsonObject j) {
        return read(j, () -> {
            String result = required(j.getString("result"), "result");
            if (result.equals("released")) {
                List<StreamStats> streams = new ArrayList<>();
                for (Object o : required(j.getJsonArray("streams"), "streams")) {
                    streams.add(StatsJson.stream((JsonObject) o));
                }
                return new ReleaseResult.Released(streams);
            }
            if (result.equals("unknown-session")) {
                return new ReleaseResult.UnknownSession(required(j.getString("session"), "session"));
            }
            throw new IllegalArgumentException("unknown release result '" + result + "'");
        });
    }

    public static JsonObject encode(UpdateResult r) {
        return r.fold(u -> versioned().put("result", "updated"),
                u -> versioned().put("result", "unknown-session").put("session", u.sessionId()),
                u -> versioned().put("result", "unknown-stream").put("index", u.index()));
    }

    public static UpdateResult decodeUpdateResult(JsonObject j) {
        return read(j, () -> {
            String result = required(j.getString("result"), "result");
            switch (result) {
                case "updated":
                    return new UpdateResult.Updated();
                case "unknown-session":
                    return new UpdateResult.UnknownSession(required(j.getString("session"), "session"));
                case "unknown-stream":
                    return new UpdateResult.UnknownStream(required(j.getInteger("index"), "index"));
                default:
                    throw new IllegalArgumentException("unknown update result '" + result + "'");
            }
        });
    }

    public static JsonObject encode(StatsResult r) {
        return r.fold(c -> versioned().put("result", "current").put("streams", streams(c.streams())),
                u -> versioned().put("result", "unknown-session").put("session", u.sessionId()));
    }

    /** One stream's counters as JSON, the same shape the node sends them in (for front ends that show them). */
    public static JsonObject encode(StreamStats s) {
        return StatsJson.stream(s);
    }

    public static StatsResult decodeStatsResult(JsonObject j) {
        return read(j, () -> {
            String result = required(j.getString("result"), "result");
            if (result.equals("current")) {
                List<StreamStats> streams = new ArrayList<>();
                for (Object o : required(j.getJsonArray("streams"), "streams")) {
                    streams.add(StatsJson.stream((JsonObject) o));
                }
                return new StatsResult.Current(streams);
            }
            if (result.equals("unknown-session")) {
                return new StatsResult.UnknownSession(required(j.getString("session"), "session"));
            }
            throw new IllegalArgumentException("unknown stats result '" + result + "'");
        });
    }

    public static JsonObject encode(NodeEvent e) {
        JsonObject j = versioned().put("node", e.nodeId());
        return e.fold(interims -> {
            JsonArray sessions = new JsonArray();
            for (NodeEvent.Interim i : interims.sessions()) {
                sessions.add(new JsonObject().put("session", i.sessionId()).put("call-id", i.callId())
                        .put("streams", streams(i.streams())));
            }
            return j.put("event", "interims").put("sessions", sessions);
        }, d -> j.put("session", d.sessionId()).put("call-id", d.callId()).put("event", "ice-direct")
                .put("stream", d.stream()),
                x -> j.put("session", x.sessionId()).put("call-id", x.callId()).put("event", "session-expired")
                        .put("reason", x.reason().token()));
    }

    public static NodeEvent decodeEvent(JsonObject j) {
        return read(j, () -> {
            String node = required(j.getString("node"), "node");
            String event = required(j.getString("event"), "event");
            switch (event) {
                case "session-expired":
                    return new NodeEvent.SessionExpired(node, required(j.getString("session"), "session"),
                            required(j.getString("call-id"), "call-id"),
                            ExpiryReason.fromToken(required(j.getString("reason"), "reason")));
                case "ice-direct":
                    return new NodeEvent.IceDirect(node, required(j.getString("session"), "session"),
                            required(j.getString("call-id"), "call-id"), required(j.getInteger("stream"), "stream"));
                case "interims":
                    List<NodeEvent.Interim> sessions = new ArrayList<>();
                    for (Object o : required(j.getJsonArray("sessions"), "sessions")) {
                        sessions.add(interim((JsonObject) o));
                    }
                    return new NodeEvent.Interims(node, sessions);
                case "interim":
                    // one session per event, as nodes of releases before batched reports send it
                    return new NodeEvent.Interims(node, List.of(interim(j)));
                default:
                    throw new IllegalArgumentException("unknown node event '" + event + "'");
            }
        });
    }

    private static NodeEvent.Interim interim(JsonObject j) {
        List<StreamStats> streams = new ArrayList<>();
        for (Object o : required(j.getJsonArray("streams"), "streams")) {
            streams.add(StatsJson.stream((JsonObject) o));
        }
        return new NodeEvent.Interim(required(j.getString("session"), "session"),
                required(j.getString("call-id"), "call-id"), streams);
    }

    private static JsonObject versioned() {
        return new JsonObject().put("v", VERSION);
    }

    static <T> T required(T value, String key) {
        if (value == null) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return value;
    }

    private interface Reader<T> {
        T read();
    }

    /** Version check, and every shape error (missing key, wrong type) as one {@link IllegalArgumentException}. */
    private static <T> T read(JsonObject j, Reader<T> reader) {
        Integer v = j.getInteger("v");
        if (v == null || v != VERSION) {
            throw new IllegalArgumentException("node protocol version " + v + " is not " + VERSION);
        }
        try {
            return reader.read();
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("malformed node message: " + e.getMessage(), e);
        }
    }
}
