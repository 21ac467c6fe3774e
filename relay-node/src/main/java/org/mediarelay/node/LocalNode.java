package org.mediarelay.node;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.mediarelay.node.api.AllocateRequest;
import org.mediarelay.node.api.AllocateResult;
import org.mediarelay.node.api.NodeApi;
import org.mediarelay.node.api.ReleaseResult;
import org.mediarelay.node.api.StatsResult;
import org.mediarelay.node.api.UpdateResult;

/**
 * A relay node in the caller's own process, called directly: the request goes to the session's media loop and the
 * result comes back on the caller's context, two thread hand-offs. Over the event bus the same call took four (to the
 * node's verticle, to the media loop and back twice) and a JSON encoding each way, a large share of the CPU each
 * offer and delete cost (BENCHMARKS.md, ng control latency). Results are the same values {@link NodeApi} promises.
 */
public final class LocalNode implements NodeApi {

    private final String nodeId;
    private final RelayNode node;
    private final long timeoutMillis;

    /** @param timeout as over the event bus: a node that has not answered by then fails the request */
    public LocalNode(String nodeId, RelayNode node, Duration timeout) {
        this.nodeId = nodeId;
        this.node = node;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public Future<AllocateResult> allocate(AllocateRequest request) {
        return call(() -> node.allocate(request));
    }

    @Override
    public Future<UpdateResult> update(AllocateRequest request) {
        return call(() -> node.update(request));
    }

    @Override
    public Future<StatsResult> stats(String sessionId) {
        return call(() -> node.stats(sessionId));
    }

    @Override
    public Future<ReleaseResult> release(String sessionId) {
        return call(() -> node.release(sessionId));
    }

    /**
     * The node's answer on the caller's context; a node that breaks or does not answer in time gives a failed future,
     * as a remote one would.
     */
    private <T> Future<T> call(Supplier<CompletionStage<T>> operation) {
        Context caller = Vertx.currentContext();
        try {
            CompletionStage<T> result = operation.get();
            return caller == null ? Future.fromCompletionStage(result)
                    : Future.fromCompletionStage(result, caller).timeout(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
