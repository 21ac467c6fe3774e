package org.mediarelay.node.api;

import java.util.function.Function;

/** The node's answer to an update: done, or what it does not know. */
public sealed interface UpdateResult permits UpdateResult.Updated, UpdateResult.UnknownSession,
        UpdateResult.UnknownStream {

    /** This result to the function for its kind. */
    default <R> R fold(Function<? super Updated, ? extends R> updated,
                       Function<? super UnknownSession, ? extends R> unknownSession,
                       Function<? super UnknownStream, ? extends R> unknownStream) {
        if (this instanceof Updated u) {
            return updated.apply(u);
        }
        return this instanceof UnknownSession s ? unknownSession.apply(s) : unknownStream.apply((UnknownStream) this);
    }

    record Updated() implements UpdateResult {
    }

    record UnknownSession(String sessionId) implements UpdateResult {
    }

    /** The session has no stream with this index: it must be allocated first. */
    record UnknownStream(int index) implements UpdateResult {
    }
}
