package org.mediarelay.node.api;

import java.util.List;
import java.util.function.Function;

/** The node's answer to a release: the final counters, or that it holds no such session. */
public sealed interface ReleaseResult permits ReleaseResult.Released, ReleaseResult.UnknownSession {

    /** This result to the function for its kind. */
    default <R> R fold(Function<? super Released, ? extends R> released,
                       Function<? super UnknownSession, ? extends R> unknown) {
        return this instanceof Released r ? released.apply(r) : unknown.apply((UnknownSession) this);
    }

    /** The session's ports are closed and free again; these are its final counters. */
    record Released(List<StreamStats> streams) implements ReleaseResult {
        public Released {
            streams = List.copyOf(streams);
        }
    }

    /** The node holds no session with this id (never allocated, or already released). */
    record UnknownSession(String sessionId) implements ReleaseResult {
    }
}
