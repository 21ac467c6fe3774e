package org.mediarelay.node.api;

import java.util.List;

/**
 * Ensures that the session's listed streams have port pairs facing both parties, and records the hints that
 * {@code party} gave in its SDP. Idempotent per stream: a stream that already exists keeps its ports (a re-offer or the
 * answer only updates the hints).
 */
public record AllocateRequest(String sessionId, String callId, Party party, List<StreamSetup> streams) {

    public AllocateRequest {
        streams = List.copyOf(streams);
    }
}
