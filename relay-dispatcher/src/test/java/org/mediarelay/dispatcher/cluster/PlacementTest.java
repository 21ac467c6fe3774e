package org.mediarelay.dispatcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.cluster.NodeRecord;

class PlacementTest {

    private static final long NOW = 1_000_000;

    private static NodeRecord node(String id, int sessions, int weight, int freePairs, boolean draining, long age) {
        String address = "10.0.0." + id.charAt(id.length() - 1);
        return new NodeRecord(id, address, List.of("default/" + address), 1000, freePairs, sessions, sessions, 0, 0,
                weight, draining, NOW - age, "m-" + id);
    }

    private static Optional<String> choose(List<NodeRecord> nodes, Optional<String> preferred) {
        return Placement.choose(nodes, NOW, 3000, preferred, List.of()).map(NodeRecord::id);
    }

    @Test
    void a_new_call_goes_to_the_node_with_the_fewest_sessions_per_unit_of_weight() {
        assertEquals(Optional.of("r2"), choose(List.of(node("r1", 10, 1, 500, false, 0), node("r2", 15, 2, 500, false, 0)),
                Optional.empty()), "15/2 < 10/1");
        assertEquals(Optional.of("r1"), choose(List.of(node("r1", 5, 1, 500, false, 0), node("r2", 5, 1, 400, false, 0)),
                Optional.empty()), "equal load: the one with more free ports");
    }

    @Test
    void draining_silent_and_full_nodes_take_no_new_calls() {
        List<NodeRecord> none = List.of(node("r1", 0, 1, 500, true, 0), node("r2", 0, 1, 500, false, 3001),
                node("r3", 0, 1, 1, false, 0));
        assertTrue(choose(none, Optional.empty()).isEmpty());
        assertEquals(Optional.of("r4"), choose(List.of(none.get(0), none.get(1), none.get(2),
                node("r4", 900, 1, 2, false, 2999)), Optional.empty()));
    }

    @Test
    void a_preferred_node_wins_when_it_can_take_the_call_by_id_or_media_address() {
        List<NodeRecord> nodes = List.of(node("r1", 0, 1, 500, false, 0), node("r2", 50, 1, 500, false, 0),
                node("r3", 0, 1, 500, true, 0));
        assertEquals(Optional.of("r2"), choose(nodes, Optional.of("r2")));
        assertEquals(Optional.of("r2"), choose(nodes, Optional.of("10.0.0.2")));
        assertEquals(Optional.of("r1"), choose(nodes, Optional.of("r3")), "a draining preferred node is passed over");
    }

    @Test
    void a_call_that_names_media_interfaces_goes_only_to_a_node_that_has_them_by_name_or_address() {
        NodeRecord plain = node("r1", 0, 1, 500, false, 0);
        NodeRecord bridging = new NodeRecord("r2", "10.0.0.2", List.of("internal/10.0.0.2", "external/192.0.2.2",
                "external/2001:db8::2"), 1000, 500, 50, 50, 0, 0, 1, false, NOW, "m-r2");
        List<NodeRecord> nodes = List.of(plain, bridging);
        assertEquals(Optional.of("r1"), Placement.choose(nodes, NOW, 3000, Optional.empty(), List.of())
                .map(NodeRecord::id), "asked for nothing: the least loaded");
        assertEquals(Optional.of("r2"), Placement.choose(nodes, NOW, 3000, Optional.empty(),
                List.of("internal", "external")).map(NodeRecord::id));
        assertEquals(Optional.of("r2"), Placement.choose(nodes, NOW, 3000, Optional.empty(),
                List.of("2001:db8::2")).map(NodeRecord::id));
        assertEquals(Optional.of("r2"), Placement.choose(nodes, NOW, 3000, Optional.of("192.0.2.2"), List.of())
                .map(NodeRecord::id), "a preferred relay named by any of its interfaces' addresses");
        assertTrue(Placement.choose(nodes, NOW, 3000, Optional.empty(), List.of("dmz")).isEmpty());
    }
}
