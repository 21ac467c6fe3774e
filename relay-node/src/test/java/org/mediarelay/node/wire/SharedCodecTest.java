package org.mediarelay.node.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.ExpiryReason;
import org.mediarelay.node.api.NodeEvent;
import org.mediarelay.node.api.PartyFlow;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.api.StreamState;
import org.mediarelay.node.api.StreamStats;

class SharedCodecTest {

    private final SharedCodec<NodeEvent> codec = SharedCodec.EVENTS;
    private final NodeEvent interim = new NodeEvent.Interims("n1", List.of(new NodeEvent.Interim("s1", "c1",
            List.of(new StreamStats(0, "audio", new PortPair(30000, 30001), new PortPair(30002, 30003), PartyFlow.NONE,
                    PartyFlow.NONE, StreamState.RELAYED)))));

    @Test
    void between_members_an_event_crosses_the_wire_as_json_and_comes_back_equal() {
        for (NodeEvent e : List.of(interim, new NodeEvent.IceDirect("n1", "s1", "c1", 1),
                new NodeEvent.SessionExpired("n1", "s1", "c1", ExpiryReason.ON_HOLD_TIMEOUT))) {
            Buffer wire = Buffer.buffer("header");
            codec.encodeToWire(wire, e);
            wire.appendString("trailer");
            assertEquals(e, codec.decodeFromWire("header".length(), wire));
        }
    }

    @Test
    void in_one_jvm_the_event_itself_is_handed_over_with_no_json_and_no_copy() {
        assertSame(interim, codec.transform(interim));
        assertSame(interim, SharedCodec.event(interim));
    }

    @Test
    void between_members_a_request_crosses_the_wire_as_json_and_comes_back_equal() {
        JsonObject message = new JsonObject().put("v", 1).put("session", "s1")
                .put("streams", new JsonArray().add(new JsonObject().put("index", 0).put("media", "audio")));
        Buffer wire = Buffer.buffer("header");
        SharedCodec.REQUESTS.encodeToWire(wire, message);
        wire.appendString("trailer");
        assertEquals(message, SharedCodec.REQUESTS.decodeFromWire("header".length(), wire));
    }

    @Test
    void in_one_jvm_a_request_is_handed_over_without_a_copy() {
        JsonObject message = new JsonObject().put("v", 1);
        assertSame(message, SharedCodec.REQUESTS.transform(message));
    }

    @Test
    void a_node_of_an_earlier_release_that_publishes_json_is_still_read_and_anything_else_is_refused() {
        assertEquals(interim, SharedCodec.event(NodeProtocol.encode(interim)));
        assertThrows(IllegalArgumentException.class, () -> SharedCodec.event("interim"));
        assertThrows(IllegalArgumentException.class, () -> SharedCodec.event(new JsonObject().put("v", 1)));
    }
}
