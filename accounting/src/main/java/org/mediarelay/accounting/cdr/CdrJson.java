package org.mediarelay.accounting.cdr;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The JSON form of a CDR: one object per record, keys in snake_case, times in ISO-8601 UTC. */
public final class CdrJson {

    private CdrJson() {
    }

    public static JsonObject encode(Cdr c) {
        JsonArray streams = new JsonArray();
        for (CdrStream s : c.streams()) {
            JsonObject stream = new JsonObject().put("index", s.index()).put("media", s.media())
                    .put("path", s.path().token());
            if (!s.codecs().isEmpty()) {
                stream.put("codecs", new JsonArray(s.codecs()));
            }
            streams.add(stream.put("caller", party(s.caller())).put("callee", party(s.callee())));
        }
        JsonObject j = new JsonObject()
                .put("version", Cdr.VERSION)
                .put("record_type", c.reason() == TerminationReason.INTERIM ? "interim" : "final")
                .put("record_id", c.recordId())
                .put("call_id", c.callId())
                .put("from_tag", c.fromTag());
        c.toTag().ifPresent(t -> j.put("to_tag", t));
        j.put("node", c.node()).put("media_address", c.mediaAddress()).put("created", c.created().toString());
        c.answered().ifPresent(a -> j.put("answered", a.toString()));
        j.put("ended", c.ended().toString())
                .put("duration_ms", c.duration().toMillis())
                .put("reason", c.reason().token());
        c.dialogEnd().ifPresent(d -> j.put("dialog_end", d.token()));
        c.setup().ifPresent(d -> j.put("setup_ms", d.toMillis()));
        c.talk().ifPresent(d -> j.put("talk_ms", d.toMillis()));
        c.mediaStart().ifPresent(t -> j.put("media_start", t.toString()));
        c.mediaEnd().ifPresent(t -> j.put("media_end", t.toString()));
        c.idle().ifPresent(d -> j.put("idle_ms", d.toMillis()));
        byRole(j, "labels", c.notes().labels());
        c.notes().metadata().ifPresent(m -> j.put("metadata", m));
        byRole(j, "uris", c.notes().uris());
        byRole(j, "user_agents", c.notes().userAgents());
        c.notes().dialogId().ifPresent(d -> j.put("dialog_id", d));
        return j.put("streams", streams);
    }

    /** Reads a CDR back; a record of another version or shape is an {@link IllegalArgumentException}. */
    public static Cdr decode(JsonObject j) {
        Integer version = j.getInteger("version");
        if (version == null || version != Cdr.VERSION) {
            throw new IllegalArgumentException("CDR version " + version + " is not " + Cdr.VERSION);
        }
        try {
            List<CdrStream> streams = new ArrayList<>();
            for (Object o : j.getJsonArray("streams")) {
                JsonObject s = (JsonObject) o;
                List<String> codecs = new ArrayList<>();
                s.getJsonArray("codecs", new JsonArray()).forEach(c -> codecs.add((String) c));
                streams.add(new CdrStream(s.getInteger("index"), s.getString("media"),
                        StreamPath.fromToken(s.getString("path", "relayed")), party(s.getJsonObject("caller")),
                        party(s.getJsonObject("callee")), codecs));
            }
            return new Cdr(j.getString("record_id"), j.getString("call_id"), j.getString("from_tag"),
                    Optional.ofNullable(j.getString("to_tag")), j.getString("node"), j.getString("media_address"),
                    Instant.parse(j.getString("created")), Optional.ofNullable(j.getString("answered")).map(Instant::parse),
                    Instant.parse(j.getString("ended")), TerminationReason.fromToken(j.getString("reason")), streams,
                    new CdrNotes(byRole(j, "labels"), Optional.ofNullable(j.getString("metadata")), byRole(j, "uris"),
                            byRole(j, "user_agents"), Optional.ofNullable(j.getString("dialog_id"))),
                    Optional.ofNullable(j.getString("dialog_end")).map(DialogEnding::fromToken));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed CDR: " + e.getMessage(), e);
        }
    }

    /** {@code {"caller": ..., "callee": ...}}, left out when empty. */
    private static void byRole(JsonObject j, String key, Map<String, String> values) {
        if (!values.isEmpty()) {
            j.put(key, new JsonObject(new TreeMap<>(values)));
        }
    }

    private static Map<String, String> byRole(JsonObject j, String key) {
        Map<String, String> out = new TreeMap<>();
        j.getJsonObject(key, new JsonObject()).forEach(e -> out.put(e.getKey(), (String) e.getValue()));
        return out;
    }

    private static JsonObject party(CdrParty p) {
        JsonObject j = new JsonObject().put("relay_rtp_port", p.relayRtpPort()).put("relay_rtcp_port", p.relayRtcpPort());
        p.latchedRtp().ifPresent(a -> j.put("latched_rtp", a));
        j.put("rtp", flow(p.rtp())).put("rtcp", flow(p.rtcp())).put("stun", flow(p.stun())).put("dropped", p.dropped());
        p.quality().ifPresent(q -> j.put("quality", new JsonObject().put("expected", q.expected()).put("lost", q.lost())
                .put("jitter_ms", round(q.jitterMillis())).put("mos", round(q.mos())).put("source", q.source())));
        CdrMedia m = p.media();
        m.firstPacket().ifPresent(t -> j.put("first_packet", t.toString()));
        m.lastPacket().ifPresent(t -> j.put("last_packet", t.toString()));
        m.sdpRtp().ifPresent(a -> j.put("sdp_rtp", a));
        j.put("payload_types", new JsonArray(List.copyOf(m.payloadTypes())))
                .put("key_exchange", flow(m.keyExchange()))
                .put("udptl", flow(m.udptl()))
                .put("other", flow(m.other()))
                .put("drops", new JsonObject(new TreeMap<>(m.drops())))
                .put("relatches", m.relatches())
                .put("kernel_rtp", flow(m.kernelRtp()));
        return j;
    }

    /** A counter added after the first records were written: absent from those, which counted none. */
    private static Flow optionalFlow(JsonObject j, String key) {
        return j.containsKey(key) ? flow(j.getJsonObject(key)) : Flow.ZERO;
    }

    private static CdrParty party(JsonObject j) {
        Optional<CdrQuality> quality = Optional.ofNullable(j.getJsonObject("quality")).map(q -> new CdrQuality(
                q.getLong("expected"), q.getLong("lost"), q.getDouble("jitter_ms"), q.getDouble("mos"),
                q.getString("source", "relay")));
        List<Integer> payloadTypes = new ArrayList<>();
        j.getJsonArray("payload_types", new JsonArray()).forEach(pt -> payloadTypes.add(((Number) pt).intValue()));
        Map<String, Long> drops = new TreeMap<>();
        j.getJsonObject("drops", new JsonObject()).forEach(e -> drops.put(e.getKey(), ((Number) e.getValue()).longValue()));
        CdrMedia media = new CdrMedia(Optional.ofNullable(j.getString("first_packet")).map(Instant::parse),
                Optional.ofNullable(j.getString("last_packet")).map(Instant::parse), payloadTypes,
                optionalFlow(j, "key_exchange"), optionalFlow(j, "udptl"), optionalFlow(j, "other"), drops,
                j.getInteger("relatches", 0), Optional.ofNullable(j.getString("sdp_rtp")),
                optionalFlow(j, "kernel_rtp"));
        return new CdrParty(j.getInteger("relay_rtp_port"), j.getInteger("relay_rtcp_port"),
                Optional.ofNullable(j.getString("latched_rtp")), flow(j.getJsonObject("rtp")),
                flow(j.getJsonObject("rtcp")), j.containsKey("stun") ? flow(j.getJsonObject("stun")) : Flow.ZERO,
                j.getLong("dropped"), quality, media);
    }

    /** Two decimals: finer digits of a jitter or a MOS estimate are noise. */
    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static JsonObject flow(Flow f) {
        return new JsonObject().put("packets", f.packets()).put("bytes", f.bytes());
    }

    private static Flow flow(JsonObject j) {
        return new Flow(j.getLong("packets"), j.getLong("bytes"));
    }
}
