package org.mediarelay.node.api;

import io.vertx.core.Future;

/**
 * The relay node as the dispatcher sees it. Expected outcomes are values ({@link AllocateResult},
 * {@link ReleaseResult}); a failed future means the node could not be reached or broke.
 */
public interface NodeApi {

    String nodeId();

    Future<AllocateResult> allocate(AllocateRequest request);

    Future<ReleaseResult> release(String sessionId);
}
