package org.mediarelay.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
                new StreamSetup(0, "audio", new PartyHints(Optional.of(V4), Optional.of(V6))),
                new StreamSetup(2, "video", PartyHints.NONE)));
        assertEquals(r, NodeProtocol.decodeAllocateRequest(wire(NodeProtocol.encode(r))));
    }

    @Test
    void every_allocate_result_survives_the_wire() {
        List<AllocateResult> results = List.of(
                new AllocateResult.Allocated("203.0.113.5", List.of(new StreamPorts(0, new PortPair(30000, 30001), new PortPair(30002, 30003)))),
                new AllocateResult.PortsExhausted(3, 4),
                new AllocateResult.Rejected("shutting down"));
        for (AllocateResult r : results) {
            assertEquals(r, NodeProtocol.decodeAllocateResult(wire(NodeProtocol.encode(r))));
        }
    }

    @Test
    void release_results_with_counters_and_latches_survive_the_wire() {
        PartyFlow caller = new PartyFlow(new Counter(5_000_000_000L, 860_000_000_000L), new Counter(7, 56),
                Map.of(DropReason.FOREIGN_SOURCE, 3L), Optional.of(V4), Optional.empty());
        PartyFlow callee = new PartyFlow(Counter.ZERO, Counter.ZERO, Map.of(), Optional.empty(), Optional.of(V6));
        ReleaseResult r = new ReleaseResult.Released(List.of(
                new StreamStats(0, "audio", new PortPair(30000, 30001), new PortPair(30002, 30003), caller, callee)));
        assertEquals(r, NodeProtocol.decodeReleaseResult(wire(NodeProtocol.encode(r))));
        ReleaseResult unknown = new ReleaseResult.UnknownSession("gone");
        assertEquals(unknown, NodeProtocol.decodeReleaseResult(wire(NodeProtocol.encode(unknown))));
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
