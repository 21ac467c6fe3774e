package org.mediarelay.accounting.cdr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The record of one ended session, written once when it ends. Documented field by field in {@code docs/cdr.md}.
 *
 * @param recordId stable id of this record, for deduplication by consumers
 * @param created  when the first offer arrived
 * @param answered when the first answer arrived, if one did
 * @param ended    when the session was closed
 * @param notes    labels and metadata the proxies attached
 * @param dialogEnd for a call the relay ended on its own, whether the proxy ended the SIP dialog
 */
public record Cdr(String recordId, String callId, String fromTag, Optional<String> toTag, String node,
                  String mediaAddress, Instant created, Optional<Instant> answered, Instant ended,
                  TerminationReason reason, List<CdrStream> streams, CdrNotes notes,
                  Optional<DialogEnding> dialogEnd) {

    /** The version of the record's JSON form; consumers check it. */
    public static final int VERSION = 1;

    public Cdr {
        Objects.requireNonNull(recordId);
        Objects.requireNonNull(callId);
        Objects.requireNonNull(fromTag);
        Objects.requireNonNull(created);
        Objects.requireNonNull(ended);
        streams = List.copyOf(streams);
        Objects.requireNonNull(notes);
        Objects.requireNonNull(dialogEnd);
        if (ended.isBefore(created)) {
            throw new IllegalArgumentException("a session cannot end before it was created");
        }
    }

    /** A record without a dialog ending (the proxy ended the call, or it is an interim record). */
    public Cdr(String recordId, String callId, String fromTag, Optional<String> toTag, String node, String mediaAddress,
               Instant created, Optional<Instant> answered, Instant ended, TerminationReason reason,
               List<CdrStream> streams, CdrNotes notes) {
        this(recordId, callId, fromTag, toTag, node, mediaAddress, created, answered, ended, reason, streams, notes,
                Optional.empty());
    }

    /** Without labels or metadata. */
    public Cdr(String recordId, String callId, String fromTag, Optional<String> toTag, String node, String mediaAddress,
               Instant created, Optional<Instant> answered, Instant ended, TerminationReason reason,
               List<CdrStream> streams) {
        this(recordId, callId, fromTag, toTag, node, mediaAddress, created, answered, ended, reason, streams,
                CdrNotes.NONE);
    }

    public Cdr withDialogEnd(DialogEnding ending) {
        return new Cdr(recordId, callId, fromTag, toTag, node, mediaAddress, created, answered, ended, reason, streams,
                notes, Optional.of(ending));
    }

    /** From the first offer to the end. */
    public Duration duration() {
        return Duration.between(created, ended);
    }

    /** Post-dial delay: from the first offer to the first answer. */
    public Optional<Duration> setup() {
        return answered.map(a -> Duration.between(created, a));
    }

    /** Talk time: from the first answer to the end (ringing is not talk, whatever early media flowed). */
    public Optional<Duration> talk() {
        return answered.map(a -> Duration.between(a, ended));
    }

    /** When the first packet of any stream crossed the relay. */
    public Optional<Instant> mediaStart() {
        return parties().map(p -> p.media().firstPacket()).flatMap(Optional::stream).min(Instant::compareTo);
    }

    /** When the last one did. */
    public Optional<Instant> mediaEnd() {
        return parties().map(p -> p.media().lastPacket()).flatMap(Optional::stream).max(Instant::compareTo);
    }

    /** From the last packet to the end: a call that ended by timeout idled this long (billing should not count it). */
    public Optional<Duration> idle() {
        return mediaEnd().filter(e -> e.isBefore(ended)).map(e -> Duration.between(e, ended));
    }

    private Stream<CdrParty> parties() {
        return streams.stream().flatMap(s -> Stream.of(s.caller(), s.callee()));
    }
}
