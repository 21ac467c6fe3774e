package org.mediarelay.node.session;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.mediarelay.node.api.AllocateRequest;
import org.mediarelay.node.api.AllocateResult;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.forward.MediaStream;
import org.mediarelay.node.loop.SessionLoop;

/**
 * Where a session's streams come from and where their ports go back: the node's port broker. A session asks it for
 * streams (bound sockets on the interfaces a request needs), and tells it when a stream starts and when one closes.
 */
public interface StreamSupply {

    /** Streams opened for one request and not started yet, or the result the request fails with (nothing is open). */
    record Opening(List<MediaStream> streams, AllocateResult failure) {

        public static Opening of(List<MediaStream> streams) {
            return new Opening(List.copyOf(streams), null);
        }

        public static Opening failed(AllocateResult failure) {
            return new Opening(List.of(), failure);
        }

        public boolean failed() {
            return failure != null;
        }
    }

    /**
     * On the calling thread: a stream for each of {@code missing} (streams of {@code request}), on the interfaces the
     * request asks for, else on those of {@code sibling} (one of the session's open streams), each on two pairs of its
     * own; all of them or none.
     */
    Opening open(SessionLoop loop, AllocateRequest request, List<StreamSetup> missing,
                 Optional<MediaStream> sibling);

    /** Why the request's party cannot reach ports the session has (an address of another family); else empty. */
    Optional<String> foreignFamily(AllocateRequest request, Function<Integer, Optional<StreamPorts>> portsOf);

    /** The answer that gives the parties these ports. */
    AllocateResult.Allocated allocated(List<StreamPorts> ports);

    /** On the stream's loop: its sockets start reading there. */
    void start(MediaStream stream);

    /** On any thread: the stream's sockets are closed, its ports free. */
    void closed(MediaStream stream);

    /** On {@code loop}: the pairs taken are bound again after the current task (the request's reply) and its own. */
    void refillLater(SessionLoop loop);
}
