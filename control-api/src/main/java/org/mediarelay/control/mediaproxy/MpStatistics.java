package org.mediarelay.control.mediaproxy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.mediarelay.dispatcher.command.CallView;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PartyFlow;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.api.StreamState;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.cluster.NodeRecord;

/**
 * The JSON of MediaProxy 4's management commands, as CDRTool's media sessions page reads it: {@code summary}, one
 * entry per relay, and {@code sessions}, one per call with its streams. Pure: figures in, JSON out.
 */
final class MpStatistics {

    /** What MediaProxy writes for an address it has not learned. */
    static final String UNKNOWN_ADDRESS = "?.?.?.?:?";

    private MpStatistics() {
    }

    /** One relay node: {@code ip}, {@code version}, {@code status}, {@code uptime}, counts and the rate it relays. */
    static JsonObject relay(NodeRecord n, String version, Instant now) {
        long started = n.traffic().startedMillis();
        return new JsonObject()
                .put("ip", n.mediaAddress())
                .put("version", version)
                .put("status", n.draining() ? "halting" : "active")
                .put("uptime", started == 0 ? 0 : Math.max(0, (now.toEpochMilli() - started) / 1000))
                .put("session_count", n.sessions())
                .put("stream_count", new JsonObject(new TreeMap<String, Object>(n.traffic().streamsByMedia())))
                .put("bps_relayed", n.traffic().bitRate());
    }

    /**
     * One call: its tags, URIs and user agents, when it was answered ({@code start_time}, epoch seconds) and for how
     * long, and each stream with what each party sent through the relay.
     */
    static JsonObject session(CallView s, List<StreamStats> streams, Instant now) {
        long duration = s.answered().map(a -> Math.max(0, Duration.between(a, now).toSeconds())).orElse(0L);
        JsonArray out = new JsonArray();
        for (StreamStats st : streams) {
            out.add(stream(s, st, duration));
        }
        return new JsonObject()
                .put("call_id", s.callId())
                .put("from_tag", s.callerTag())
                .put("from_uri", s.uris().getOrDefault(Party.CALLER, ""))
                .put("to_tag", s.calleeTag().orElse(null))
                .put("to_uri", s.uris().getOrDefault(Party.CALLEE, ""))
                .put("start_time", s.answered().map(Instant::getEpochSecond).orElse(null))
                .put("duration", duration)
                .put("caller_ua", s.userAgents().getOrDefault(Party.CALLER, "Unknown"))
                .put("callee_ua", s.userAgents().getOrDefault(Party.CALLEE, "Unknown"))
                .put("streams", out);
    }

    private static JsonObject stream(CallView s, StreamStats st, long duration) {
        PartyFlow caller = st.fromCaller();
        PartyFlow callee = st.fromCallee();
        return new JsonObject()
                .put("media_type", st.media())
                .put("status", status(st.state()))
                .put("timeout_wait", 0)
                .put("caller_codec", codec(s.codecs(Party.CALLER, st.index())))
                .put("callee_codec", codec(s.codecs(Party.CALLEE, st.index())))
                .put("start_time", 0)
                .put("end_time", duration)
                .put("caller_bytes", caller.rtp().bytes() + caller.rtcp().bytes())
                .put("callee_bytes", callee.rtp().bytes() + callee.rtcp().bytes())
                .put("caller_packets", caller.rtp().packets() + caller.rtcp().packets())
                .put("callee_packets", callee.rtp().packets() + callee.rtcp().packets())
                .put("caller_local", local(s.mediaAddress(), st.callerFacing()))
                .put("callee_local", local(s.mediaAddress(), st.calleeFacing()))
                .put("caller_remote", remote(caller.latchedRtp()))
                .put("callee_remote", remote(callee.latchedRtp()));
    }

    /** MediaProxy's words: a stream relayed is active; one ICE took around the relay is an unselected candidate. */
    private static String status(StreamState state) {
        return switch (state) {
            case RELAYED -> "active";
            case ICE_DIRECT -> "unselected ICE candidate";
            case REMOVED -> "closed";
        };
    }

    /** The first format the party's SDP listed, by name ({@code PCMA}), or MediaProxy's {@code Unknown}. */
    private static String codec(Optional<List<String>> codecs) {
        return codecs.filter(c -> !c.isEmpty()).map(c -> c.get(0).split("/", 2)[0])
                .orElse("Unknown");
    }

    private static String local(String relayAddress, PortPair facing) {
        return facing == null || relayAddress.isEmpty() ? UNKNOWN_ADDRESS : relayAddress + ":" + facing.rtp();
    }

    private static String remote(Optional<InetSocketAddress> latched) {
        return latched.map(a -> IpLiteral.hostPort(a.getAddress(), a.getPort())).orElse(UNKNOWN_ADDRESS);
    }
}
