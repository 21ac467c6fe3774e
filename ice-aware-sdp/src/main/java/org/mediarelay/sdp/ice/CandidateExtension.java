package org.mediarelay.sdp.ice;

/** One extension pair of a candidate line, e.g. {@code generation 0} or {@code network-cost 10}, kept in order. */
public record CandidateExtension(String name, String value) {
}
