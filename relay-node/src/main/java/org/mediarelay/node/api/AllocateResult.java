package org.mediarelay.node.api;

import java.util.List;

/** The node's answer to an {@link AllocateRequest}. */
public sealed interface AllocateResult permits AllocateResult.Allocated, AllocateResult.PortsExhausted,
        AllocateResult.Rejected {

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
