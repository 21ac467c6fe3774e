package org.mediarelay.node.api;

import io.vertx.core.Future;

/**
 * The relay node as the dispatcher sees it. Expected outcomes are values ({@link AllocateResult},
 * {@link ReleaseResult}); a failed future means the node could not be reached or broke.
 */
public interface NodeApi {

    String nodeId();

    /** Ensures the request's streams have ports and records the party's hints. Idempotent per stream. */
    Future<AllocateResult> allocate(AllocateRequest request);

    /** Records the party's hints for streams the session already has; allocates nothing. */
    Future<UpdateResult> update(AllocateRequest request);

    Future<StatsResult> stats(String sessionId);

    Future<ReleaseResult> release(String sessionId);
}
