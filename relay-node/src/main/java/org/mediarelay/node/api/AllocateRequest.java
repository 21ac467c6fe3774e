package org.mediarelay.node.api;

import java.util.List;

/**
 * Ensures that the session's listed streams have port pairs facing both parties, and records the hints that
 * {@code party} gave in its SDP. Idempotent per stream: a stream that already exists keeps its ports (a re-offer or the
 * answer only updates the hints).
 *
 * @param complete the streams are all the session has now (a whole offer or answer): those it had and are not listed
 *                 were taken away, and their ports are freed
 */
public record AllocateRequest(String sessionId, String callId, Party party, List<StreamSetup> streams,
                              boolean complete) {

    public AllocateRequest {
        streams = List.copyOf(streams);
    }

    /** Streams to add or update; the session's other streams stay as they are. */
    public AllocateRequest(String sessionId, String callId, Party party, List<StreamSetup> streams) {
        this(sessionId, callId, party, streams, false);
    }
}
