package org.mediarelay.node.api;

/** The node's answer to an update: done, or what it does not know. */
public sealed interface UpdateResult permits UpdateResult.Updated, UpdateResult.UnknownSession,
        UpdateResult.UnknownStream {

    record Updated() implements UpdateResult {
    }

    record UnknownSession(String sessionId) implements UpdateResult {
    }

    /** The session has no stream with this index: it must be allocated first. */
    record UnknownStream(int index) implements UpdateResult {
    }
}
