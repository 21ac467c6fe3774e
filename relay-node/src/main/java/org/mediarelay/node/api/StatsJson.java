package org.mediarelay.node.api;

import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

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
        return j;
    }

    static PartyHints hints(JsonObject j) {
        return new PartyHints(optionalEndpoint(j.getJsonObject("rtp")), optionalEndpoint(j.getJsonObject("rtcp")));
    }

    static JsonObject counter(Counter c) {
        return new JsonObject().put("packets", c.packets()).put("bytes", c.bytes());
    }

    static Counter counter(JsonObject j) {
        return new Counter(j.getLong("packets"), j.getLong("bytes"));
    }

    static JsonObject flow(PartyFlow f) {
        JsonObject drops = new JsonObject();
        f.drops().forEach((reason, n) -> drops.put(reason.token(), n));
        JsonObject j = new JsonObject().put("rtp", counter(f.rtp())).put("rtcp", counter(f.rtcp())).put("drops", drops);
        f.latchedRtp().ifPresent(a -> j.put("latched-rtp", endpoint(a)));
        f.latchedRtcp().ifPresent(a -> j.put("latched-rtcp", endpoint(a)));
        return j;
    }

    static PartyFlow flow(JsonObject j) {
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        j.getJsonObject("drops").forEach(e -> drops.put(DropReason.fromToken(e.getKey()), ((Number) e.getValue()).longValue()));
        return new PartyFlow(counter(j.getJsonObject("rtp")), counter(j.getJsonObject("rtcp")), drops,
                optionalEndpoint(j.getJsonObject("latched-rtp")), optionalEndpoint(j.getJsonObject("latched-rtcp")));
    }

    static JsonObject stream(StreamStats s) {
        return new JsonObject().put("index", s.index()).put("media", s.media())
                .put("caller-facing", pair(s.callerFacing())).put("callee-facing", pair(s.calleeFacing()))
                .put("from-caller", flow(s.fromCaller())).put("from-callee", flow(s.fromCallee()));
    }

    static StreamStats stream(JsonObject j) {
        return new StreamStats(j.getInteger("index"), j.getString("media"), pair(j.getJsonObject("caller-facing")),
                pair(j.getJsonObject("callee-facing")), flow(j.getJsonObject("from-caller")),
                flow(j.getJsonObject("from-callee")));
    }
}
