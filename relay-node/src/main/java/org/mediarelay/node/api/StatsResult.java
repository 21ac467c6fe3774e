package org.mediarelay.node.api;

import java.util.List;
import java.util.function.Function;

/** The node's answer to a stats request. */
public sealed interface StatsResult permits StatsResult.Current, StatsResult.UnknownSession {

    /** This result to the function for its kind. */
    default <R> R fold(Function<? super Current, ? extends R> current,
                       Function<? super UnknownSession, ? extends R> unknown) {
        return this instanceof Current c ? current.apply(c) : unknown.apply((UnknownSession) this);
    }

    /** The session's streams' counters now, by stream index. */
    record Current(List<StreamStats> streams) implements StatsResult {
        public Current {
            streams = List.copyOf(streams);
        }
    }

    record UnknownSession(String sessionId) implements StatsResult {
    }
}
