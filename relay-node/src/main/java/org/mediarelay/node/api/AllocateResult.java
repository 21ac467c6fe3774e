package org.mediarelay.node.api;

import java.util.List;
import java.util.function.Function;

/** The node's answer to an {@link AllocateRequest}. */
public sealed interface AllocateResult permits AllocateResult.Allocated, AllocateResult.PortsExhausted,
        AllocateResult.Rejected {

    /** This result to the function for its kind. */
    default <R> R fold(Function<? super Allocated, ? extends R> allocated,
                       Function<? super PortsExhausted, ? extends R> exhausted,
                       Function<? super Rejected, ? extends R> rejected) {
        if (this instanceof Allocated a) {
            return allocated.apply(a);
        }
        return this instanceof PortsExhausted e ? exhausted.apply(e) : rejected.apply((Rejected) this);
    }

    /**
     * Every requested stream has its pairs.
     *
     * @param mediaAddress the node's primary media address (its first interface's); each stream names the addresses
     *                     its parties send to
     */
    record Allocated(String mediaAddress, List<StreamPorts> streams) implements AllocateResult {
        public Allocated {
            streams = List.copyOf(streams);
        }
    }

    /**
     * Not enough free port pairs. Nothing was allocated by this request; the caller tells the proxy (ng
     * {@code load limit} or an error) and the proxy may try another relay. The figures are those of the media
     * interface that ran short (the node's only one, unless it has several).
     */
    record PortsExhausted(int freePairs, int neededPairs) implements AllocateResult {
    }

    /** The request cannot be served, for the stated reason (e.g. the node is shutting down). */
    record Rejected(String reason) implements AllocateResult {
    }
}
