package org.mediarelay.node.api;

/**
 * Reception quality of the RTP one party sent (its first SSRC), as the relay saw it (RFC 3550 A.3, A.8).
 *
 * @param expected     packets expected from the sequence numbers
 * @param lost         expected minus received
 * @param jitterMillis interarrival jitter
 * @param mos          listening-quality estimate, 1 to 4.5 (E-model)
 */
public record RtpQuality(long expected, long lost, double jitterMillis, double mos) {

    public double lossFraction() {
        return expected == 0 ? 0 : (double) lost / expected;
    }
}
