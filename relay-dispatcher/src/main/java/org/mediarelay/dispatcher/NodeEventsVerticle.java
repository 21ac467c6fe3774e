package org.mediarelay.dispatcher;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.lang.System.Logger.Level;
import java.util.function.BooleanSupplier;
import org.mediarelay.node.api.NodeEvent;
import org.mediarelay.node.wire.NodeAddresses;
import org.mediarelay.node.wire.SharedCodec;

/** Hands the events relay nodes publish ({@link NodeAddresses#EVENTS}) to the dispatcher's {@link NodeReports}. */
public final class NodeEventsVerticle extends VerticleBase {

    private static final System.Logger LOG = System.getLogger(NodeEventsVerticle.class.getName());

    private final NodeReports reports;
    private final BooleanSupplier acts;
    private MessageConsumer<Object> consumer;

    /**
     * @param acts whether this dispatcher acts on timeouts and ICE reports (one dispatcher of a cluster does); interim
     *             counters are kept by all, for whichever ends the call
     */
    public NodeEventsVerticle(NodeReports reports, BooleanSupplier acts) {
        this.reports = reports;
        this.acts = acts;
    }

    public NodeEventsVerticle(NodeReports reports) {
        this(reports, () -> true);
    }

    @Override
    public Future<?> start() {
        SharedCodec.EVENTS.register(vertx.eventBus());
        consumer = vertx.eventBus().consumer(NodeAddresses.EVENTS, msg -> {
            try {
                NodeEvent event = SharedCodec.event(msg.body());
                if (event instanceof NodeEvent.Interims || acts.getAsBoolean()) {
                    reports.onNodeEvent(event);
                }
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
