package org.mediarelay.node.wire;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.mediarelay.node.api.AllocateRequest;
import org.mediarelay.node.api.AllocateResult;
import org.mediarelay.node.api.NodeApi;
import org.mediarelay.node.api.ReleaseResult;
import org.mediarelay.node.api.StatsResult;
import org.mediarelay.node.api.UpdateResult;

/** Calls one node over the event bus, local or clustered alike. */
public final class NodeClient implements NodeApi {

    private final EventBus bus;
    private final String nodeId;
    private final long timeoutMillis;

    public NodeClient(EventBus bus, String nodeId, Duration timeout) {
        this.bus = bus;
        SharedCodec.REQUESTS.register(bus);
        this.nodeId = nodeId;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public Future<AllocateResult> allocate(AllocateRequest request) {
        return call(Op.ALLOCATE, NodeProtocol.encode(request)).map(NodeProtocol::decodeAllocateResult);
    }

    @Override
    public Future<UpdateResult> update(AllocateRequest request) {
        return call(Op.UPDATE, NodeProtocol.encode(request)).map(NodeProtocol::decodeUpdateResult);
    }

    @Override
    public Future<StatsResult> stats(String sessionId) {
        return call(Op.STATS, NodeProtocol.encodeRelease(sessionId)).map(NodeProtocol::decodeStatsResult);
    }

    @Override
    public Future<ReleaseResult> release(String sessionId) {
        return call(Op.RELEASE, NodeProtocol.encodeRelease(sessionId)).map(NodeProtocol::decodeReleaseResult);
    }

    private Future<JsonObject> call(Op op, JsonObject body) {
        DeliveryOptions options = SharedCodec.REQUESTS.options().setSendTimeout(timeoutMillis)
                .addHeader(NodeAddresses.OP_HEADER, op.token());
        return bus.<JsonObject>request(NodeAddresses.control(nodeId), body, options).map(m -> m.body());
    }
}
