package org.mediarelay.control.rest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mediarelay.dispatcher.CallTotals;
import org.mediarelay.dispatcher.command.CallView;
import org.mediarelay.node.api.StreamState;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.cluster.NodeRecord;
import org.mediarelay.node.wire.NodeProtocol;

/**
 * The JSON the REST API and its live feed show of calls, streams, nodes and totals: one place, so that a call reads
 * the same in {@code GET /v1/calls/{id}}, in {@code GET /v1/live} and on the web page.
 */
final class ApiJson {

    private ApiJson() {
    }

    /** A call without its streams ({@code CallSummary} in the OpenAPI document). */
    static JsonObject summary(CallView s, Optional<Instant> lastInterim) {
        JsonObject j = new JsonObject().put("call_id", s.callId()).put("session_id", s.sessionId())
                .put("node", s.nodeId()).put("from_tag", s.callerTag()).put("created", s.created().toString())
                .put("last_signal", s.lastSignal().toString());
        s.calleeTag().ifPresent(t -> j.put("to_tag", t));
        s.answered().ifPresent(t -> j.put("answered", t.toString()));
        s.metadata().ifPresent(m -> j.put("metadata", m));
        lastInterim.ifPresent(t -> j.put("last_interim", t.toString()));
        JsonObject labels = new JsonObject();
        s.labels().forEach((party, label) -> labels.put(party.name().toLowerCase(Locale.ROOT), label));
        if (!labels.isEmpty()) {
            j.put("labels", labels);
        }
        return j;
    }

    /** A call with its streams: each stream as the node reports it, plus the {@link #path} it takes. */
    static JsonObject call(CallView s, Optional<Instant> lastInterim, List<StreamStats> streams) {
        JsonArray out = new JsonArray();
        streams.forEach(st -> out.add(NodeProtocol.encode(st).put("path", path(st))));
        return summary(s, lastInterim).put("media_address", s.mediaAddress()).put("streams", out);
    }

    /**
     * Which way a stream's media goes, as an operator asks it: {@code ice-direct} (ICE chose a path around the relay),
     * {@code removed} (a later SDP took it away), else by what the relay forwarded: {@code relayed} (both ways),
     * {@code one-way} (from one party only: a firewall, a NAT, a muted phone) or {@code no-media}.
     */
    static String path(StreamStats s) {
        if (s.state() != StreamState.RELAYED) {
            return s.state().token();
        }
        boolean fromCaller = s.fromCaller().sentMedia();
        boolean fromCallee = s.fromCallee().sentMedia();
        return fromCaller && fromCallee ? "relayed" : fromCaller || fromCallee ? "one-way" : "no-media";
    }

    static JsonObject node(NodeRecord n) {
        return new JsonObject().put("id", n.id()).put("media_address", n.mediaAddress())
                .put("interfaces", new JsonArray(n.interfaces()))
                .put("state", n.draining() ? "draining" : "active").put("weight", n.weight())
                .put("sessions", n.sessions()).put("streams", n.streams()).put("packet_rate", n.packetRate())
                .put("cpu_percent", n.cpuPercent())
                .put("ports_free", 2 * n.freePairs())
                .put("ports_total", 2 * n.totalPairs());
    }

    static JsonArray nodes(List<NodeRecord> nodes) {
        JsonArray out = new JsonArray();
        nodes.forEach(n -> out.add(node(n)));
        return out;
    }

    static JsonObject statistics(CallTotals.Snapshot t, int sessions) {
        JsonObject ended = new JsonObject();
        t.ended().forEach((reason, n) -> ended.put(reason.token(), n));
        JsonObject failed = new JsonObject();
        t.refused().forEach((code, n) -> failed.put(code.token(), n));
        return new JsonObject().put("sessions", sessions).put("calls_ended", ended)
                .put("commands_failed", failed).put("packets_relayed", t.packets()).put("bytes_relayed", t.bytes())
                .put("packets_dropped", t.dropped()).put("average_duration_ms", t.averageDuration().toMillis());
    }
}
