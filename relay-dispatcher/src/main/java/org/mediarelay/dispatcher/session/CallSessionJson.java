package org.mediarelay.dispatcher.session;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mediarelay.dispatcher.signalling.RtcpMuxPolicy;
import org.mediarelay.node.api.Party;
import org.mediarelay.sdp.relay.IceMode;
import org.mediarelay.sdp.relay.SdpVersioning;

/** A session as JSON, for stores shared between dispatchers: every field, and back to an equal record. */
public final class CallSessionJson {

    private CallSessionJson() {
    }

    public static JsonObject encode(CallSession s) {
        JsonObject sent = new JsonObject();
        s.sent().forEach((party, v) -> sent.put(party.name(), new JsonObject().put("digest", v.digest())
                .put("version", v.version().toString())));
        Annotations a = s.annotations();
        JsonObject j = new JsonObject().put("session", s.sessionId()).put("call_id", s.callId())
                .put("caller_tag", s.callerTag()).put("node", s.nodeId()).put("media_address", s.mediaAddress())
                .put("created", s.created().toString()).put("last_signal", s.lastSignal().toString())
                .put("sent", sent).put("labels", byParty(a.labels())).put("uris", byParty(a.uris()))
                .put("user_agents", byParty(a.userAgents())).put("sdp", sdp(a.sdp()));
        j.put("terms", terms(s.terms())).put("branches", branches(s.branches()));
        s.calleeTag().ifPresent(t -> j.put("callee_tag", t));
        s.answered().ifPresent(t -> j.put("answered", t.toString()));
        j.put("late_offer", s.dialog().lateOffer()).put("answer_final", s.dialog().answerFinal());
        s.annotations().metadata().ifPresent(m -> j.put("metadata", m));
        s.annotations().dialogId().ifPresent(d -> j.put("dialog_id", d));
        return j;
    }

    public static CallSession decode(JsonObject j) {
        Map<Party, SdpVersioning.Sent> sent = new EnumMap<>(Party.class);
        j.getJsonObject("sent").forEach(e -> {
            JsonObject v = (JsonObject) e.getValue();
            sent.put(Party.valueOf(e.getKey()), new SdpVersioning.Sent(v.getString("digest"),
                    new BigInteger(v.getString("version"))));
        });
        return new CallSession(j.getString("session"), j.getString("call_id"), j.getString("caller_tag"),
                Optional.ofNullable(j.getString("callee_tag")), j.getString("node"), j.getString("media_address"),
                Instant.parse(j.getString("created")), Optional.ofNullable(j.getString("answered")).map(Instant::parse),
                Instant.parse(j.getString("last_signal")), sent,
                new Annotations(byParty(j.getJsonObject("labels")), Optional.ofNullable(j.getString("metadata")),
                        byParty(j.getJsonObject("uris")), byParty(j.getJsonObject("user_agents")),
                        sdp(j.getJsonObject("sdp")), Optional.ofNullable(j.getString("dialog_id"))), terms(j.getJsonObject("terms")),
                branches(j.getJsonObject("branches"), j.getString("session"),
                        Optional.ofNullable(j.getString("callee_tag"))),
                // Absent in records written before the field existed: an early offer, answer time not settled.
                new DialogState(j.getBoolean("late_offer", false), j.getBoolean("answer_final", false)));
    }

    private static JsonObject branches(Branches b) {
        JsonArray list = new JsonArray();
        for (Branches.Branch branch : b.list()) {
            JsonObject o = new JsonObject().put("node_session", branch.nodeSession())
                    .put("tags", new JsonArray(branch.tags()));
            branch.via().ifPresent(v -> o.put("via", v));
            list.add(o);
        }
        return new JsonObject().put("list", list).put("active", b.activeIndex());
    }

    /** Absent in records written before the field existed: one branch, answered by the callee tag if any. */
    private static Branches branches(JsonObject j, String sessionId, Optional<String> calleeTag) {
        if (j == null) {
            Branches one = Branches.of(sessionId);
            return calleeTag.map(t -> one.answered(0, t)).orElse(one);
        }
        List<Branches.Branch> list = new ArrayList<>();
        for (Object o : j.getJsonArray("list")) {
            JsonObject b = (JsonObject) o;
            List<String> tags = new ArrayList<>();
            b.getJsonArray("tags").forEach(t -> tags.add((String) t));
            list.add(new Branches.Branch(b.getString("node_session"), Optional.ofNullable(b.getString("via")), tags));
        }
        return new Branches(list, j.getInteger("active"));
    }

    private static JsonObject terms(CallTerms t) {
        JsonObject aliases = new JsonObject();
        t.aliases().forEach((tag, party) -> aliases.put(tag, party.name()));
        JsonObject j = new JsonObject().put("aliases", aliases);
        t.ice().ifPresent(m -> j.put("ice", m.name()));
        t.offer().ifPresent(o -> {
            JsonObject mux = new JsonObject();
            o.offeredMux().forEach((index, offered) -> mux.put(Integer.toString(index), offered));
            j.put("offer", new JsonObject().put("offerer", o.offerer().name()).put("mux", mux)
                    .put("back", o.back().name()));
        });
        return j;
    }

    /** Absent in records written before the field existed: none. */
    private static CallTerms terms(JsonObject j) {
        if (j == null) {
            return CallTerms.NONE;
        }
        Map<String, Party> aliases = new HashMap<>();
        j.getJsonObject("aliases", new JsonObject()).forEach(e -> aliases.put(e.getKey(),
                Party.valueOf((String) e.getValue())));
        Optional<CallTerms.OfferTerms> offer = Optional.ofNullable(j.getJsonObject("offer")).map(o -> {
            Map<Integer, Boolean> mux = new HashMap<>();
            o.getJsonObject("mux").forEach(e -> mux.put(Integer.parseInt(e.getKey()), (Boolean) e.getValue()));
            return new CallTerms.OfferTerms(Party.valueOf(o.getString("offerer")), mux,
                    RtcpMuxPolicy.Back.valueOf(o.getString("back")));
        });
        return new CallTerms(aliases, Optional.ofNullable(j.getString("ice")).map(IceMode::valueOf), offer);
    }

    private static JsonObject sdp(Map<Party, List<StreamSdp>> byParty) {
        JsonObject j = new JsonObject();
        byParty.forEach((party, streams) -> {
            JsonArray a = new JsonArray();
            for (StreamSdp s : streams) {
                JsonObject o = new JsonObject().put("index", s.index()).put("codecs", new JsonArray(s.codecs()));
                s.rtp().ifPresent(r -> o.put("rtp", r));
                a.add(o);
            }
            j.put(party.name(), a);
        });
        return j;
    }

    /** Absent in records written before the field existed: none. */
    private static Map<Party, List<StreamSdp>> sdp(JsonObject j) {
        Map<Party, List<StreamSdp>> m = new EnumMap<>(Party.class);
        if (j != null) {
            j.forEach(e -> {
                List<StreamSdp> streams = new ArrayList<>();
                for (Object o : (JsonArray) e.getValue()) {
                    JsonObject s = (JsonObject) o;
                    List<String> codecs = new ArrayList<>();
                    s.getJsonArray("codecs").forEach(c -> codecs.add((String) c));
                    streams.add(new StreamSdp(s.getInteger("index"), Optional.ofNullable(s.getString("rtp")), codecs));
                }
                m.put(Party.valueOf(e.getKey()), streams);
            });
        }
        return m;
    }

    private static JsonObject byParty(Map<Party, String> m) {
        JsonObject j = new JsonObject();
        m.forEach((party, v) -> j.put(party.name(), v));
        return j;
    }

    /** Absent in records written before the field existed: none. */
    private static Map<Party, String> byParty(JsonObject j) {
        Map<Party, String> m = new EnumMap<>(Party.class);
        if (j != null) {
            j.forEach(e -> m.put(Party.valueOf(e.getKey()), (String) e.getValue()));
        }
        return m;
    }
}
