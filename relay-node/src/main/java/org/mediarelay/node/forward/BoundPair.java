package org.mediarelay.node.forward;

import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.port.MediaInterface;

/**
 * A port pair with its RTP and RTCP sockets bound and on no loop yet, waiting for the stream that takes them (see
 * {@link PairBinder}). Until a stream takes it, whoever holds it must give it back ({@link PairBinder#discard}).
 */
public final class BoundPair {

    private final PortPair ports;
    final MediaSocket rtp;
    final MediaSocket rtcp;
    private final MediaInterface face;

    BoundPair(PortPair ports, MediaSocket rtp, MediaSocket rtcp, MediaInterface face) {
        this.ports = ports;
        this.face = face;
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    public PortPair ports() {
        return ports;
    }

    /** The interface its sockets are bound on. */
    public MediaInterface face() {
        return face;
    }

    @Override
    public String toString() {
        return "bound " + ports;
    }
}
