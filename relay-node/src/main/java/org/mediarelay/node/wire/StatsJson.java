package org.mediarelay.node.wire;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mediarelay.node.api.Counter;
import org.mediarelay.node.api.DropReason;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.node.api.PartyFlow;
import org.mediarelay.node.api.PartyHints;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.api.RtpQuality;
import org.mediarelay.node.api.StreamState;
import org.mediarelay.node.api.StreamStats;

/** JSON of the value types that requests and results share: addresses, port pairs, hints, counters, stats. */
final class StatsJson {

    private StatsJson() {
    }

    static JsonObject endpoint(InetSocketAddress a) {
        return new JsonObject().put("ip", a.getAddress().getHostAddress()).put("port", a.getPort());
    }

    static InetSocketAddress endpoint(JsonObject j) {
        String ip = NodeProtocol.required(j.getString("ip"), "ip");
        return new InetSocketAddress(IpLiteral.parse(ip)
                .orElseThrow(() -> new IllegalArgumentException("not an IP literal: " + ip)), j.getInteger("port"));
    }

    static Optional<InetSocketAddress> optionalEndpoint(JsonObject j) {
        return j == null ? Optional.empty() : Optional.of(endpoint(j));
    }

    static JsonObject pair(PortPair p) {
        return new JsonObject().put("rtp", p.rtp()).put("rtcp", p.rtcp());
    }

    static PortPair pair(JsonObject j) {
        return new PortPair(j.getInteger("rtp"), j.getInteger("rtcp"));
    }

    static JsonObject hints(PartyHints h) {
        JsonObject j = new JsonObject();
        h.rtp().ifPresent(a -> j.put("rtp", endpoint(a)));
        h.rtcp().ifPresent(a -> j.put("rtcp", endpoint(a)));
        h.signalling().ifPresent(a -> j.put("signalling", a.getHostAddress()));
        JsonArray selected = new JsonArray();
        h.iceSelected().forEach(a -> selected.add(endpoint(a)));
        return j.put("rtcp-mux", h.rtcpMux()).put("ice", h.ice()).put("hold", h.hold()).put("ice-selected", selected);
    }

    static PartyHints hints(JsonObject j) {
        Optional<InetAddress> signalling = Optional.ofNullable(j.getString("signalling")).map(ip -> IpLiteral.parse(ip)
                .orElseThrow(() -> new IllegalArgumentException("not an IP literal: " + ip)));
        List<InetSocketAddress> selected = new ArrayList<>();
        j.getJsonArray("ice-selected", new JsonArray()).forEach(o -> selected.add(endpoint((JsonObject) o)));
        return new PartyHints(optionalEndpoint(j.getJsonObject("rtp")), optionalEndpoint(j.getJsonObject("rtcp")),
                signalling, j.getBoolean("rtcp-mux", false), j.getBoolean("ice", false), j.getBoolean("hold", false),
                selected);
    }

    static JsonObject clockRates(Map<Integer, Integer> rates) {
        JsonObject j = new JsonObject();
        rates.forEach((pt, rate) -> j.put(Integer.toString(pt), rate));
        return j;
    }

    static Map<Integer, Integer> clockRates(JsonObject j) {
        Map<Integer, Integer> rates = new TreeMap<>();
        if (j != null) {
            j.forEach(e -> rates.put(Integer.parseInt(e.getKey()), ((Number) e.getValue()).intValue()));
        }
        return rates;
    }

    static JsonObject counter(Counter c) {
        return new JsonObject().put("packets", c.packets()).put("bytes", c.bytes());
    }

    static Counter counter(JsonObject j) {
        return j == null ? Counter.ZERO : new Counter(j.getLong("packets"), j.getLong("bytes"));
    }

    static JsonObject flow(PartyFlow f) {
        JsonObject drops = new JsonObject();
        f.drops().forEach((reason, n) -> drops.put(reason.token(), n));
        JsonObject j = new JsonObject().put("rtp", counter(f.rtp())).put("rtcp", counter(f.rtcp()))
                .put("stun", counter(f.stun())).put("key-exchange", counter(f.keyExchange()))
                .put("udptl", counter(f.udptl())).put("other", counter(f.other())).put("drops", drops)
                .put("ssrcs", new JsonArray(List.copyOf(f.ssrcs())))
                .put("payload-types", new JsonArray(List.copyOf(f.payloadTypes()))).put("relatches", f.relatches());
        if (f.kernel().packets() > 0) {
            j.put("kernel", counter(f.kernel()));
        }
        f.latchedRtp().ifPresent(a -> j.put("latched-rtp", endpoint(a)));
        f.latchedRtcp().ifPresent(a -> j.put("latched-rtcp", endpoint(a)));
        f.firstPacket().ifPresent(t -> j.put("first-packet", t.toString()));
        f.lastPacket().ifPresent(t -> j.put("last-packet", t.toString()));
        f.quality().ifPresent(q -> j.put("quality", new JsonObject().put("expected", q.expected())
                .put("lost", q.lost()).put("jitter-ms", q.jitterMillis()).put("mos", q.mos())
                .put("source", q.source().token())));
        return j;
    }

    static PartyFlow flow(JsonObject j) {
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        j.getJsonObject("drops").forEach(e -> drops.put(DropReason.fromToken(e.getKey()), ((Number) e.getValue()).longValue()));
        List<Long> ssrcs = new ArrayList<>();
        j.getJsonArray("ssrcs", new JsonArray()).forEach(o -> ssrcs.add(((Number) o).longValue()));
        List<Integer> types = new ArrayList<>();
        j.getJsonArray("payload-types", new JsonArray()).forEach(o -> types.add(((Number) o).intValue()));
        Optional<RtpQuality> quality = Optional.ofNullable(j.getJsonObject("quality")).map(q -> new RtpQuality(
                q.getLong("expected"), q.getLong("lost"), q.getDouble("jitter-ms"), q.getDouble("mos"),
                RtpQuality.Source.fromToken(q.getString("source", "relay"))));
        return new PartyFlow(counter(j.getJsonObject("rtp")), counter(j.getJsonObject("rtcp")),
                counter(j.getJsonObject("stun")), counter(j.getJsonObject("key-exchange")),
                counter(j.getJsonObject("udptl")), counter(j.getJsonObject("other")), drops,
                optionalEndpoint(j.getJsonObject("latched-rtp")), optionalEndpoint(j.getJsonObject("latched-rtcp")),
                Optional.ofNullable(j.getString("first-packet")).map(Instant::parse),
                Optional.ofNullable(j.getString("last-packet")).map(Instant::parse), ssrcs, types, quality,
                j.getInteger("relatches", 0), counter(j.getJsonObject("kernel")));
    }

    static JsonObject stream(StreamStats s) {
        return new JsonObject().put("index", s.index()).put("media", s.media())
                .put("caller-facing", pair(s.callerFacing())).put("callee-facing", pair(s.calleeFacing()))
                .put("from-caller", flow(s.fromCaller())).put("from-callee", flow(s.fromCallee()))
                .put("state", s.state().token());
    }

    static StreamStats stream(JsonObject j) {
        return new StreamStats(j.getInteger("index"), j.getString("media"), pair(j.getJsonObject("caller-facing")),
                pair(j.getJsonObject("callee-facing")), flow(j.getJsonObject("from-caller")),
                flow(j.getJsonObject("from-callee")), StreamState.fromToken(j.getString("state", "relayed")));
    }
}
