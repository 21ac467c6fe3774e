package org.mediarelay.node.wire;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.mediarelay.node.api.NodeEvent;

/**
 * An event-bus codec of the node's messages: {@link NodeProtocol}'s JSON on the wire between cluster members (a
 * length, then the JSON), and the very same object, not a copy, between a dispatcher and a node in one JVM. Sharing
 * is safe because every message is a fresh object that nothing changes once sent; the deep copy Vert.x makes of a
 * JsonObject by default cost a sizeable part of the garbage of every offer, and encoding each held call's counters
 * to JSON every few seconds was most of an idle relay's garbage (BENCHMARKS.md, Resident memory).
 *
 * @param <T> what the message is in process
 */
public final class SharedCodec<T> implements MessageCodec<T, T> {

    /** Requests to a node and its replies: {@link NodeProtocol}'s JSON objects. */
    public static final SharedCodec<JsonObject> REQUESTS = new SharedCodec<>("mediarelay-node-json",
            Function.identity(), Function.identity());
    /** What nodes publish: {@link NodeEvent}s (immutable records). */
    public static final SharedCodec<NodeEvent> EVENTS = new SharedCodec<>("mediarelay-node-event",
            NodeProtocol::encode, NodeProtocol::decodeEvent);

    private final String name;
    private final Function<T, JsonObject> toJson;
    private final Function<JsonObject, T> fromJson;

    private SharedCodec(String name, Function<T, JsonObject> toJson, Function<JsonObject, T> fromJson) {
        this.name = name;
        this.toJson = toJson;
        this.fromJson = fromJson;
    }

    /** Makes the codec known to this event bus; harmless when it already is (a node and a client in one JVM). */
    public void register(EventBus bus) {
        try {
            bus.registerCodec(this);
        } catch (IllegalStateException alreadyRegistered) {
            // registered by the other side of this JVM
        }
    }

    /** Delivery through this codec; the caller may add to it. */
    public DeliveryOptions options() {
        return new DeliveryOptions().setCodecName(name);
    }

    /**
     * The event a message carries: the event itself, or (from a node of a release before this codec) its JSON.
     *
     * @throws IllegalArgumentException when the body is neither, or JSON that is not an event
     */
    public static NodeEvent event(Object body) {
        if (body instanceof NodeEvent e) {
            return e;
        }
        if (body instanceof JsonObject j) {
            return NodeProtocol.decodeEvent(j);
        }
        throw new IllegalArgumentException("not a node event: " + (body == null ? "null" : body.getClass().getName()));
    }

    @Override
    public void encodeToWire(Buffer buffer, T message) {
        Buffer json = toJson.apply(message).toBuffer();
        buffer.appendInt(json.length()).appendBuffer(json);
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        return fromJson.apply(new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length)));
    }

    @Override
    public T transform(T message) {
        return message;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
