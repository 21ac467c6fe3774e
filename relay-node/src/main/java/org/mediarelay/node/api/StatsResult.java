package org.mediarelay.node.api;

import java.util.List;

/** The node's answer to a stats request. */
public sealed interface StatsResult permits StatsResult.Current, StatsResult.UnknownSession {

    /** The session's streams' counters now, by stream index. */
    record Current(List<StreamStats> streams) implements StatsResult {
        public Current {
            streams = List.copyOf(streams);
        }
    }

    record UnknownSession(String sessionId) implements StatsResult {
    }
}
