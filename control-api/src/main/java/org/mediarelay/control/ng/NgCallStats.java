package org.mediarelay.control.ng;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mediarelay.dispatcher.command.CallView;
import org.mediarelay.node.api.Counter;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PartyFlow;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.api.StreamStats;

/**
 * A call's statistics in the shape rtpengine gives them in {@code query} and {@code delete} replies: {@code created},
 * {@code last signal}, {@code tags} (per party: {@code medias}, each with an RTP and an RTCP {@code streams} entry of
 * local port, latched endpoint, last packet and packets/bytes/errors received from that party) and {@code totals}.
 * mediarelay adds per media its {@code path} and the party's reception {@code quality}.
 */
final class NgCallStats {

    private NgCallStats() {
    }

    /** Everything: for TCP and HTTP, and for UDP when it fits. */
    static Map<String, Object> full(CallView s, List<StreamStats> streams) {
        Map<String, Object> m = totalsOnly(s, streams);
        Map<String, Object> tags = new LinkedHashMap<>();
        for (Party party : Party.values()) {
            s.tagOf(party).ifPresent(tag -> tags.put(tag, party(s, party, tag, streams)));
        }
        m.put("tags", tags);
        return m;
    }

    /** Times and totals, without the per-party detail: what a UDP reply can always carry. */
    static Map<String, Object> totalsOnly(CallView s, List<StreamStats> streams) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("created", s.created().getEpochSecond());
        m.put("created_us", micros(s.created()));
        m.put("last signal", s.lastSignal().getEpochSecond());
        Counter rtp = Counter.ZERO;
        Counter rtcp = Counter.ZERO;
        long errors = 0;
        for (StreamStats st : streams) {
            for (Party p : Party.values()) {
                PartyFlow f = st.from(p);
                rtp = rtp.plus(f.rtp());
                rtcp = rtcp.plus(f.rtcp());
                errors += f.dropped();
            }
        }
        // Drops are not told apart by RTP and RTCP: they are counted once, with RTP.
        m.put("totals", Map.of("RTP", stats(rtp, errors), "RTCP", stats(rtcp, 0)));
        return m;
    }

    private static Map<String, Object> party(CallView s, Party party, String tag, List<StreamStats> streams) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tag", tag);
        s.label(party).ifPresent(l -> m.put("label", l));
        s.tagOf(party.other()).ifPresent(other -> m.put("in dialogue with", other));
        List<Object> medias = new ArrayList<>();
        for (StreamStats st : streams) {
            medias.add(media(st, party));
        }
        m.put("medias", medias);
        return m;
    }

    private static Map<String, Object> media(StreamStats st, Party party) {
        PartyFlow f = st.from(party);
        PortPair facing = party == Party.CALLER ? st.callerFacing() : st.calleeFacing();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", (long) st.index() + 1);
        m.put("type", st.media());
        m.put("path", st.state().token());
        List<Object> streams = new ArrayList<>();
        streams.add(stream(facing == null ? 0 : facing.rtp(), f.latchedRtp(), f.lastPacket(), f.rtp(), f.dropped(), "RTP"));
        streams.add(stream(facing == null ? 0 : facing.rtcp(), f.latchedRtcp(), f.lastPacket(), f.rtcp(), 0, "RTCP"));
        m.put("streams", streams);
        f.quality().ifPresent(q -> {
            Map<String, Object> quality = new LinkedHashMap<>();
            quality.put("expected", q.expected());
            quality.put("lost", q.lost());
            quality.put("jitter_us", Math.round(q.jitterMillis() * 1000));
            quality.put("mos_x10", Math.round(q.mos() * 10));
            m.put("quality", quality);
        });
        return m;
    }

    private static Map<String, Object> stream(int localPort, Optional<InetSocketAddress> endpoint,
                                              Optional<Instant> lastPacket, Counter c, long errors, String kind) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("local port", (long) localPort);
        endpoint.ifPresent(e -> m.put("endpoint", endpoint(e)));
        lastPacket.ifPresent(t -> m.put("last packet", t.getEpochSecond()));
        m.put("flags", List.of(kind));
        m.put("stats", stats(c, errors));
        return m;
    }

    private static Map<String, Object> endpoint(InetSocketAddress a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", a.getAddress() instanceof Inet6Address ? "IPv6" : "IPv4");
        m.put("address", IpLiteral.text(a.getAddress()));
        m.put("port", (long) a.getPort());
        return m;
    }

    private static Map<String, Object> stats(Counter c, long errors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("packets", c.packets());
        m.put("bytes", c.bytes());
        m.put("errors", errors);
        return m;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
