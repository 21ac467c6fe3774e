package org.mediarelay.accounting.cdr;

/**
 * Reception quality of what one party sent, as the relay saw it.
 *
 * @param expected     RTP packets expected from the sequence numbers
 * @param lost         of those, not received
 * @param jitterMillis interarrival jitter (RFC 3550)
 * @param mos          listening-quality estimate, 1 to 4.5
 */
public record CdrQuality(long expected, long lost, double jitterMillis, double mos) {
}
