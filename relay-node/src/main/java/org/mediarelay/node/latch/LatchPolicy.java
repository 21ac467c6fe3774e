package org.mediarelay.node.latch;

import java.time.Duration;
import java.util.Objects;
import org.mediarelay.node.api.EndpointLearning;

/**
 * How a relay learns where a party really sends from (the knobs of {@link Latch}).
 *
 * @param learningWindow how long after each signalling event of a stream its parties' sources may be learned
 * @param strictSource   once a source is confirmed, packets from any other source are dropped; {@code false} lets the
 *                       latch follow the newest source at once (rtpengine's "media handover": hijackable)
 * @param rebindSilence  how long a confirmed source must have been silent before another may replace it (a NAT
 *                       rebinding); it never happens while the confirmed source still sends
 * @param rebindPackets  consecutive packets the new source must send, with the confirmed source's SSRC and (for RTP)
 *                       continuous sequence numbers, before it replaces the old one; also the run of one stream a
 *                       source tied to nothing must send before {@link EndpointLearning#HEURISTIC} takes it
 * @param learning       what is done with sources the signalling does not name (a call may choose another)
 */
public record LatchPolicy(Duration learningWindow, boolean strictSource, Duration rebindSilence, int rebindPackets,
                          EndpointLearning learning) {

    /**
     * Three seconds of learning per signalling event (rtpengine's figure), strict source, rebinding after 2 s,
     * heuristic endpoint learning.
     */
    public static final LatchPolicy DEFAULT = new LatchPolicy(Duration.ofSeconds(3), true, Duration.ofSeconds(2), 5,
            EndpointLearning.HEURISTIC);

    public LatchPolicy {
        Objects.requireNonNull(learningWindow);
        Objects.requireNonNull(rebindSilence);
        Objects.requireNonNull(learning);
        if (learningWindow.isNegative() || rebindSilence.isNegative()) {
            throw new IllegalArgumentException("latch durations cannot be negative");
        }
        if (rebindPackets < 1) {
            throw new IllegalArgumentException("rebind packets must be at least 1");
        }
    }

    /** With the default endpoint learning. */
    public LatchPolicy(Duration learningWindow, boolean strictSource, Duration rebindSilence, int rebindPackets) {
        this(learningWindow, strictSource, rebindSilence, rebindPackets, EndpointLearning.HEURISTIC);
    }

    public LatchPolicy withLearning(EndpointLearning l) {
        return new LatchPolicy(learningWindow, strictSource, rebindSilence, rebindPackets, l);
    }
}
