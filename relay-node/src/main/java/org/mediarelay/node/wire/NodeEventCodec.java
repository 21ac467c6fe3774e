package org.mediarelay.node.wire;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import org.mediarelay.node.api.NodeEvent;

/**
 * The event-bus codec of {@link NodeEvent}s: {@link NodeProtocol}'s JSON on the wire to dispatchers in other
 * processes, and the event itself (an immutable record) to a dispatcher in the same JVM. A node holding many calls
 * reports each one's counters every few seconds; encoding those reports to JSON (and Vert.x's deep copy of a
 * JsonObject between local handlers) was most of an idle relay's garbage (BENCHMARKS.md, Resident memory).
 * Registered by nodes and dispatchers alike: a receiver needs it to read the wire form.
 */
public final class NodeEventCodec implements MessageCodec<NodeEvent, NodeEvent> {

    public static final String NAME = "mediarelay-node-event";
    private static final DeliveryOptions OPTIONS = new DeliveryOptions().setCodecName(NAME);

    /** Makes the codec known to this event bus; harmless when it already is. */
    public static void register(EventBus bus) {
        try {
            bus.registerCodec(new NodeEventCodec());
        } catch (IllegalStateException alreadyRegistered) {
            // a node and a dispatcher in one JVM share one event bus
        }
    }

    /** Delivery through this codec. Shared: DeliveryOptions is not changed after this. */
    public static DeliveryOptions options() {
        return OPTIONS;
    }

    /**
     * The event a message carries: the event itself, or (from a node of a release before this codec) its JSON.
     *
     * @throws IllegalArgumentException when the body is neither, or JSON that is not an event
     */
    public static NodeEvent read(Object body) {
        if (body instanceof NodeEvent e) {
            return e;
        }
        if (body instanceof JsonObject j) {
            return NodeProtocol.decodeEvent(j);
        }
        throw new IllegalArgumentException("not a node event: " + (body == null ? "null" : body.getClass().getName()));
    }

    @Override
    public void encodeToWire(Buffer buffer, NodeEvent e) {
        NodeCodec.writeJson(buffer, NodeProtocol.encode(e));
    }

    @Override
    public NodeEvent decodeFromWire(int pos, Buffer buffer) {
        return NodeProtocol.decodeEvent(NodeCodec.readJson(pos, buffer));
    }

    @Override
    public NodeEvent transform(NodeEvent e) {
        return e;
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
