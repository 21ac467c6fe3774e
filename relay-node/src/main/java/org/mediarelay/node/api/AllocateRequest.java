package org.mediarelay.node.api;

import java.util.List;
import java.util.Objects;

/**
 * Ensures that the session's listed streams have port pairs facing both parties, and records the hints that
 * {@code party} gave in its SDP. Idempotent per stream: a stream that already exists keeps its ports (a re-offer or the
 * answer only updates the hints).
 *
 * @param complete   the streams are all the session has now (a whole offer or answer): those it had and are not
 *                   listed were taken away, and their ports are freed
 * @param interfaces the media interfaces asked for the streams this request opens; streams that exist keep theirs
 */
public record AllocateRequest(String sessionId, String callId, Party party, List<StreamSetup> streams,
                              boolean complete, InterfaceChoice interfaces) {

    public AllocateRequest {
        streams = List.copyOf(streams);
        Objects.requireNonNull(interfaces);
    }

    /** On the interfaces the node chooses. */
    public AllocateRequest(String sessionId, String callId, Party party, List<StreamSetup> streams,
                           boolean complete) {
        this(sessionId, callId, party, streams, complete, InterfaceChoice.ANY);
    }

    /** Streams to add or update; the session's other streams stay as they are. */
    public AllocateRequest(String sessionId, String callId, Party party, List<StreamSetup> streams) {
        this(sessionId, callId, party, streams, false);
    }
}
