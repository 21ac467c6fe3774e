package org.mediarelay.accounting.cdr;

/**
 * Reception quality of what one party sent.
 *
 * @param expected     RTP packets expected from the sequence numbers
 * @param lost         of those, not received
 * @param jitterMillis interarrival jitter (RFC 3550)
 * @param mos          listening-quality estimate, 1 to 4.5
 * @param source       who measured it: {@code relay} (every packet), {@code rtcp} (the receiving party's reports,
 *                     while the kernel forwarded the RTP) or {@code relay-partial} (only the packets before that)
 */
public record CdrQuality(long expected, long lost, double jitterMillis, double mos, String source) {

    /** Measured by the relay on every packet. */
    public CdrQuality(long expected, long lost, double jitterMillis, double mos) {
        this(expected, lost, jitterMillis, mos, "relay");
    }
}
