package org.mediarelay.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.mediarelay.node.forward.DataPlane;
import org.mediarelay.node.kernel.KernelPath;
import org.mediarelay.node.kernel.KernelStart;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.port.OpenFileLimit;
import org.mediarelay.node.timer.NodeClock;
import org.mediarelay.node.wire.NodeAddresses;
import org.mediarelay.node.wire.NodeProtocol;
import org.mediarelay.node.wire.Op;
import org.mediarelay.node.wire.SharedCodec;

/**
 * Serves one relay node on the event bus at {@link NodeAddresses#control(String)}: decodes each request, runs it on
 * the {@link RelayNode}, replies with the encoded result. Owns the data plane's lifecycle.
 */
public final class NodeVerticle extends VerticleBase {

    /** Failure codes of replies: the request was malformed, or the node broke while serving it. */
    public static final int BAD_REQUEST = 400;
    public static final int NODE_FAILURE = 500;

    private static final System.Logger LOG = System.getLogger(NodeVerticle.class.getName());

    private final RelayNodeConfig config;
    private final RandomGenerator random;
    private final NodeClock clock;
    private DataPlane plane;
    private KernelStart kernel;
    private RelayNode node;
    private MessageConsumer<JsonObject> consumer;

    public NodeVerticle(RelayNodeConfig config, RandomGenerator random, NodeClock clock) {
        this.config = config;
        this.random = random;
        this.clock = clock;
    }

    public NodeVerticle(RelayNodeConfig config, RandomGenerator random) {
        this(config, random, NodeClock.system());
    }

    @Override
    public Future<?> start() {
        try {
            // Before any port is bound: a table a killed process left behind stops forwarding here.
            kernel = KernelStart.open(config.kernel(), config.nodeId());
        } catch (KernelStart.Refused e) {
            return Future.failedFuture(e);
        }
        plane = new DataPlane(config.mediaThreads(), config.transport());
        node = new RelayNode(config, plane, random, clock,
                event -> vertx.eventBus().publish(NodeAddresses.EVENTS, event, SharedCodec.EVENTS.options()),
                kernel.path());
        SharedCodec.REQUESTS.register(vertx.eventBus());
        SharedCodec.EVENTS.register(vertx.eventBus());
        consumer = vertx.eventBus().consumer(NodeAddresses.control(config.nodeId()), this::handle);
        LOG.log(Level.INFO, "relay node " + config.nodeId() + " media interfaces " + config.interfaces()
                + " (name/bind!advertised/ports; " + plane.transport() + "); " + kernel.describe());
        OpenFileLimit.current().ifPresent(limit -> OpenFileLimit.warning(limit,
                        config.interfaces().stream().map(MediaInterface::ports).toList())
                .ifPresent(w -> LOG.log(Level.WARNING, "relay node " + config.nodeId() + ": " + w)));
        return consumer.completion();
    }

    @Override
    public Future<?> stop() {
        return consumer.unregister()
                .compose(v -> Future.fromCompletionStage(node.closeAll(), context))
                .compose(v -> vertx.executeBlocking(() -> {
                    if (kernel instanceof KernelStart.Kernel k) {
                        k.forwarder().close();
                    }
                    return null;
                }))
                .compose(v -> Future.fromCompletionStage(plane.shutdown(), context));
    }

    /** The node's kernel path, or {@link KernelPath#NONE}. */
    public KernelPath kernel() {
        return kernel.path();
    }

    /** The node itself, for in-process observers (metrics, tests). */
    public RelayNode node() {
        return node;
    }

    private void handle(Message<JsonObject> msg) {
        Optional<Op> op = Optional.ofNullable(msg.headers().get(NodeAddresses.OP_HEADER)).flatMap(Op::fromToken);
        if (op.isEmpty() || msg.body() == null) {
            msg.fail(BAD_REQUEST, "missing or unknown op header");
            return;
        }
        Future<JsonObject> reply;
        try {
            switch (op.get()) {
                case ALLOCATE:
                    reply = Future.fromCompletionStage(node.allocate(NodeProtocol.decodeAllocateRequest(msg.body())), context)
                            .map(NodeProtocol::encode);
                    break;
                case UPDATE:
                    reply = Future.fromCompletionStage(node.update(NodeProtocol.decodeAllocateRequest(msg.body())), context)
                            .map(NodeProtocol::encode);
                    break;
                case RELEASE:
                    reply = Future.fromCompletionStage(node.release(NodeProtocol.decodeRelease(msg.body())), context)
                            .map(NodeProtocol::encode);
                    break;
                case STATS:
                    reply = Future.fromCompletionStage(node.stats(NodeProtocol.decodeRelease(msg.body())), context)
                            .map(NodeProtocol::encode);
                    break;
                default:
                    throw new IllegalStateException("unhandled op " + op.get());
            }
        } catch (IllegalArgumentException e) {
            msg.fail(BAD_REQUEST, e.getMessage());
            return;
        }
        reply.onSuccess(body -> msg.reply(body, SharedCodec.REQUESTS.options())).onFailure(e -> {
            LOG.log(Level.ERROR, "node " + config.nodeId() + " failed " + op.get().token(), e);
            msg.fail(NODE_FAILURE, String.valueOf(e.getMessage()));
        });
    }
}
