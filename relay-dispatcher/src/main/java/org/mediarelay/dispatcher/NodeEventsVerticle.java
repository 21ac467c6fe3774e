package org.mediarelay.dispatcher;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import org.mediarelay.node.api.NodeAddresses;
import org.mediarelay.node.api.NodeProtocol;

/** Hands the events relay nodes publish ({@link NodeAddresses#EVENTS}) to the dispatcher. */
public final class NodeEventsVerticle extends VerticleBase {

    private static final System.Logger LOG = System.getLogger(NodeEventsVerticle.class.getName());

    private final Dispatcher dispatcher;
    private MessageConsumer<JsonObject> consumer;

    public NodeEventsVerticle(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public Future<?> start() {
        consumer = vertx.eventBus().consumer(NodeAddresses.EVENTS, msg -> {
            try {
                dispatcher.onNodeEvent(NodeProtocol.decodeEvent(msg.body()));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "unreadable node event ignored: " + e.getMessage());
            }
        });
        return consumer.completion();
    }

    @Override
    public Future<?> stop() {
        return consumer.unregister();
    }
}
