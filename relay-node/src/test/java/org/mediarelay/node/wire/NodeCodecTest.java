package org.mediarelay.node.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class NodeCodecTest {

    private final NodeCodec codec = new NodeCodec();

    @Test
    void between_members_a_message_crosses_the_wire_as_json_and_comes_back_equal() {
        JsonObject message = new JsonObject().put("v", 1).put("session", "s1")
                .put("streams", new JsonArray().add(new JsonObject().put("index", 0).put("media", "audio")));
        Buffer wire = Buffer.buffer("header");
        codec.encodeToWire(wire, message);
        wire.appendString("trailer");
        assertEquals(message, codec.decodeFromWire("header".length(), wire));
    }

    @Test
    void in_one_jvm_the_message_is_handed_over_without_a_copy() {
        JsonObject message = new JsonObject().put("v", 1);
        assertSame(message, codec.transform(message));
    }
}
