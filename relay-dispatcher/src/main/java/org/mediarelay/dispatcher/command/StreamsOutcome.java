package org.mediarelay.dispatcher.command;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** The outcome of a {@link StreamsCommand}: where the other party must send each stream, or why not. */
public sealed interface StreamsOutcome permits StreamsOutcome.Relayed, Failure {

    /** The relay's ports to {@code relayed}, a failure to {@code failed}; whichever this is. */
    default <R> R relayedOr(Function<? super Relayed, ? extends R> relayed,
                            Function<? super Failure, ? extends R> failed) {
        return this instanceof Relayed r ? relayed.apply(r) : failed.apply((Failure) this);
    }

    /**
     * @param relayAddress the relay's media address
     * @param ports        per stream, in the command's order, the relay's RTP port facing the other party (RTCP is
     *                     the next one); 0 for a stream the relay does not carry
     */
    record Relayed(String relayAddress, List<Integer> ports) implements StreamsOutcome {
        public Relayed {
            Objects.requireNonNull(relayAddress);
            ports = List.copyOf(ports);
        }
    }
}
