package org.mediarelay.node.wire;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * The event-bus codec of node requests and replies: JSON on the wire between cluster members, and the very same
 * object, not a deep copy, between a dispatcher and a node in one JVM. Sharing is safe because {@link NodeProtocol}
 * builds a fresh object for every message and nothing changes it once sent; the copy Vert.x makes by default cost
 * a sizeable part of the garbage of every offer.
 */
public final class NodeCodec implements MessageCodec<JsonObject, JsonObject> {

    public static final String NAME = "mediarelay-node-json";

    /** Makes the codec known to this event bus; harmless when it already is. */
    public static void register(EventBus bus) {
        try {
            bus.registerCodec(new NodeCodec());
        } catch (IllegalStateException alreadyRegistered) {
            // the node and a client in one JVM share one event bus
        }
    }

    /** Delivery through this codec. */
    public static DeliveryOptions options() {
        return new DeliveryOptions().setCodecName(NAME);
    }

    @Override
    public void encodeToWire(Buffer buffer, JsonObject o) {
        writeJson(buffer, o);
    }

    @Override
    public JsonObject decodeFromWire(int pos, Buffer buffer) {
        return readJson(pos, buffer);
    }

    /** The wire form of every node message (this codec's and {@link NodeEventCodec}'s): a length, then JSON. */
    static void writeJson(Buffer buffer, JsonObject o) {
        Buffer json = o.toBuffer();
        buffer.appendInt(json.length()).appendBuffer(json);
    }

    static JsonObject readJson(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        return new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length));
    }

    @Override
    public JsonObject transform(JsonObject o) {
        return o;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
