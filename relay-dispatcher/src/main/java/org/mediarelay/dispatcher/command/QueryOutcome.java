package org.mediarelay.dispatcher.command;

import java.util.List;
import java.util.Objects;
import org.mediarelay.node.api.StreamStats;

/** The outcome of a query for one call. */
public sealed interface QueryOutcome permits QueryOutcome.Found, QueryOutcome.NotFound, Failure {

    /** The call and its streams' counters now. */
    record Found(CallView call, List<StreamStats> streams) implements QueryOutcome {
        public Found {
            Objects.requireNonNull(call);
            streams = List.copyOf(streams);
        }
    }

    record NotFound(String reason) implements QueryOutcome {
    }
}
