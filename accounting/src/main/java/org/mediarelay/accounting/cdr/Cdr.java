package org.mediarelay.accounting.cdr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of one ended session, written once when it ends. Documented field by field in {@code docs/cdr.md}.
 *
 * @param recordId stable id of this record, for deduplication by consumers
 * @param created  when the first offer arrived
 * @param answered when the first answer arrived, if one did
 * @param ended    when the session was closed
 */
public record Cdr(String recordId, String callId, String fromTag, Optional<String> toTag, String node,
                  String mediaAddress, Instant created, Optional<Instant> answered, Instant ended,
                  TerminationReason reason, List<CdrStream> streams) {

    /** The version of the record's JSON form; consumers check it. */
    public static final int VERSION = 1;

    public Cdr {
        Objects.requireNonNull(recordId);
        Objects.requireNonNull(callId);
        Objects.requireNonNull(fromTag);
        Objects.requireNonNull(created);
        Objects.requireNonNull(ended);
        streams = List.copyOf(streams);
        if (ended.isBefore(created)) {
            throw new IllegalArgumentException("a session cannot end before it was created");
        }
    }

    /** From the first offer to the end. */
    public Duration duration() {
        return Duration.between(created, ended);
    }
}
