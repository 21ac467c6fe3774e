package org.mediarelay.dispatcher.command;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.mediarelay.node.api.StreamStats;

/** The outcome of a query for one call. */
public sealed interface QueryOutcome permits QueryOutcome.Found, QueryOutcome.NotFound, Failure {

    /** This outcome to the function for its kind. */
    default <R> R fold(Function<? super Found, ? extends R> found, Function<? super NotFound, ? extends R> notFound,
                       Function<? super Failure, ? extends R> failed) {
        if (this instanceof Found f) {
            return found.apply(f);
        }
        return this instanceof NotFound n ? notFound.apply(n) : failed.apply((Failure) this);
    }

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
