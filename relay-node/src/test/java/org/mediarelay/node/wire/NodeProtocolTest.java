package org.mediarelay.node.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.AddressFamily;
import org.mediarelay.node.api.AllocateRequest;
import org.mediarelay.node.api.AllocateResult;
import org.mediarelay.node.api.Counter;
import org.mediarelay.node.api.DropReason;
import org.mediarelay.node.api.ExpiryReason;
import org.mediarelay.node.api.InterfaceChoice;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.node.api.NodeEvent;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PartyFlow;
import org.mediarelay.node.api.PartyHints;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.api.ReleaseResult;
import org.mediarelay.node.api.RtpQuality;
import org.mediarelay.node.api.StatsResult;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.api.StreamState;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.api.UpdateResult;

class NodeProtocolTest {

    private static final InetSocketAddress V4 = new InetSocketAddress(IpLiteral.parse("192.0.2.10").orElseThrow(), 4000);
    private static final InetSocketAddress V6 = new InetSocketAddress(IpLiteral.parse("2001:db8::7").orElseThrow(), 4001);

    /** Through JSON text, as between two JVMs. */
    private static JsonObject wire(JsonObject j) {
        return new JsonObject(j.encode());
    }

    @Test
    void allocate_request_survives_the_wire() {
        AllocateRequest r = new AllocateRequest("sess-1", "abc@host", Party.CALLEE, List.of(
                new StreamSetup(0, "audio", new PartyHints(Optional.of(V4), Optional.of(V6),
                        IpLiteral.parse("198.51.100.2"), true, true, false, List.of(V6)), Map.of(111, 48000)),
                new StreamSetup(2, "video", PartyHints.NONE)), true);
        assertEquals(r, NodeProtocol.decodeAllocateRequest(wire(NodeProtocol.encode(r))));
    }

    @Test
    void an_allocation_from_a_node_without_media_interfaces_names_its_one_address_for_both_sides() {
        JsonObject old = new JsonObject().put("v", NodeProtocol.VERSION).put("result", "allocated")
                .put("media-address", "192.0.2.9").put("streams", new JsonArray().add(new JsonObject().put("index", 0)
                        .put("caller-facing", new JsonObject().put("rtp", 30000).put("rtcp", 30001))
                        .put("callee-facing", new JsonObject().put("rtp", 30002).put("rtcp", 30003))));
        assertEquals(new AllocateResult.Allocated("192.0.2.9", List.of(new StreamPorts(0, new PortPair(30000, 30001),
                new PortPair(30002, 30003), "192.0.2.9", "192.0.2.9"))), NodeProtocol.decodeAllocateResult(old));
    }

    @Test
    void the_media_interfaces_a_request_asks_for_survive_the_wire() {
        for (InterfaceChoice c : List.of(InterfaceChoice.ANY,
                new InterfaceChoice(Optional.of("internal"), Optional.of("2001:db8::5"), Optional.of(AddressFamily.IP6)),
                new InterfaceChoice(Optional.empty(), Optional.empty(), Optional.of(AddressFamily.IP4)))) {
            AllocateRequest r = new AllocateRequest("s", "c", Party.CALLER, List.of(new StreamSetup(0, "audio",
                    PartyHints.NONE)), true, c);
            assertEquals(r, NodeProtocol.decodeAllocateRequest(wire(NodeProtocol.encode(r))));
        }
    }

    @Test
    void interim_counters_of_several_sessions_survive_the_wire_in_one_event() {
        StreamStats stream = new StreamStats(0, "audio", new PortPair(30000, 30001), new PortPair(30002, 30003),
                PartyFlow.NONE, PartyFlow.NONE, StreamState.REMOVED);
        NodeEvent.Interims e = new NodeEvent.Interims("n1", List.of(new NodeEvent.Interim("s1", "c1", List.of(stream)),
                new NodeEvent.Interim("s2", "c2", List.of(stream, stream))));
        assertEquals(e, NodeProtocol.decodeEvent(wire(NodeProtocol.encode(e))));
    }

    @Test
    void one_sessions_interim_from_a_node_of_an_earlier_release_is_read_as_a_report_of_one() {
        JsonObject old = new JsonObject().put("v", NodeProtocol.VERSION).put("node", "n1").put("session", "s1")
                .put("call-id", "c1").put("event", "interim").put("streams", new JsonArray());
        assertEquals(new NodeEvent.Interims("n1", List.of(new NodeEvent.Interim("s1", "c1", List.of()))),
                NodeProtocol.decodeEvent(old));
    }

    @Test
    void a_report_whose_session_lacks_its_call_id_is_refused() {
        JsonObject bad = new JsonObject().put("v", NodeProtocol.VERSION).put("node", "n1").put("event", "interims")
                .put("sessions", new JsonArray().add(new JsonObject().put("session", "s1")
                        .put("streams", new JsonArray())));
        assertThrows(IllegalArgumentException.class, () -> NodeProtocol.decodeEvent(bad));
    }

    @Test
    void every_allocate_result_survives_the_wire() {
        List<AllocateResult> results = List.of(
                new AllocateResult.Allocated("203.0.113.5", List.of(new StreamPorts(0, new PortPair(30000, 30001), new PortPair(30002, 30003),
                        "203.0.113.5", "2001:db8::5"))),
                new AllocateResult.PortsExhausted(3, 4),
                new AllocateResult.Rejected("shutting down"));
        for (AllocateResult r : results) {
            assertEquals(r, NodeProtocol.decodeAllocateResult(wire(NodeProtocol.encode(r))));
        }
    }

    @Test
    void release_results_with_counters_latches_and_quality_survive_the_wire() {
        PartyFlow caller = new PartyFlow(new Counter(5_000_000_000L, 860_000_000_000L), new Counter(7, 56),
                new Counter(12, 1200), new Counter(4, 900), new Counter(3, 300), new Counter(2, 64), Map.of(DropReason.STRICT_SOURCE, 3L), Optional.of(V4),
                Optional.empty(), Optional.of(Instant.parse("2026-11-21T10:00:00.100Z")),
                Optional.of(Instant.parse("2026-11-21T10:05:00.300Z")), List.of(0xdeadbeefL), List.of(0, 101),
                Optional.of(new RtpQuality(1000, 3, 2.5, 4.35)), 1);
        ReleaseResult r = new ReleaseResult.Released(List.of(
                new StreamStats(0, "audio", new PortPair(30000, 30001), new PortPair(30002, 30003), caller,
                        PartyFlow.NONE, StreamState.ICE_DIRECT)));
        assertEquals(r, NodeProtocol.decodeReleaseResult(wire(NodeProtocol.encode(r))));
        ReleaseResult unknown = new ReleaseResult.UnknownSession("gone");
        assertEquals(unknown, NodeProtocol.decodeReleaseResult(wire(NodeProtocol.encode(unknown))));
    }

    @Test
    void update_and_stats_results_and_node_events_survive_the_wire() {
        for (UpdateResult u : List.of(new UpdateResult.Updated(), new UpdateResult.UnknownSession("s"),
                new UpdateResult.UnknownStream(3))) {
            assertEquals(u, NodeProtocol.decodeUpdateResult(wire(NodeProtocol.encode(u))));
        }
        for (StatsResult st : List.of(new StatsResult.Current(List.of()), new StatsResult.UnknownSession("s"))) {
            assertEquals(st, NodeProtocol.decodeStatsResult(wire(NodeProtocol.encode(st))));
        }
        for (NodeEvent e : List.of(new NodeEvent.SessionExpired("n1", "s1", "c1", ExpiryReason.ON_HOLD_TIMEOUT),
                new NodeEvent.IceDirect("n1", "s1", "c1", 1))) {
            assertEquals(e, NodeProtocol.decodeEvent(wire(NodeProtocol.encode(e))));
        }
    }

    @Test
    void hints_from_an_older_sender_without_the_new_fields_read_as_plain_rtp() {
        JsonObject old = new JsonObject().put("rtp", new JsonObject().put("ip", "192.0.2.10").put("port", 4000));
        assertEquals(new PartyHints(Optional.of(V4), Optional.empty(), Optional.empty(), false, false, false,
                List.of()), StatsJson.hints(old));
    }

    @Test
    void a_message_of_another_version_or_shape_is_refused_clearly() {
        JsonObject future = NodeProtocol.encodeRelease("s").put("v", 2);
        assertEquals("node protocol version 2 is not 1",
                assertThrows(IllegalArgumentException.class, () -> NodeProtocol.decodeRelease(future)).getMessage());
        assertEquals("missing 'session'", assertThrows(IllegalArgumentException.class,
                () -> NodeProtocol.decodeRelease(new JsonObject().put("v", 1))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> NodeProtocol.decodeAllocateRequest(new JsonObject().put("v", 1).put("session", "s")
                        .put("call-id", "c").put("party", "CALLER").put("streams", "not a list")));
    }

    @Test
    void ip_literals_parse_without_dns_and_names_are_refused() {
        assertEquals(Optional.empty(), IpLiteral.parse("host.atlanta.example.com"));
        assertEquals(Optional.empty(), IpLiteral.parse("256.1.1.1"));
        assertEquals(Optional.empty(), IpLiteral.parse("1.2.3"));
        assertEquals(Optional.empty(), IpLiteral.parse("gg::1"));
        assertEquals("::1", IpLiteral.parse("[::1]").orElseThrow().getHostAddress().replace("0:0:0:0:0:0:0:1", "::1"));
        assertEquals("192.0.2.1", IpLiteral.parse("192.0.2.1").orElseThrow().getHostAddress());
    }
}
