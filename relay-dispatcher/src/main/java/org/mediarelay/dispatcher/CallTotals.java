package org.mediarelay.dispatcher;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.accounting.cdr.CdrParty;
import org.mediarelay.accounting.cdr.CdrStream;
import org.mediarelay.accounting.cdr.StreamPath;
import org.mediarelay.accounting.cdr.TerminationReason;
import org.mediarelay.dispatcher.command.ErrorCode;

/**
 * Counts since start: calls ended by reason, refused commands by code, and what ended calls relayed. Updated from any
 * event loop; read by {@code statistics} and metrics.
 */
public final class CallTotals {

    private final Map<TerminationReason, LongAdder> ended = new EnumMap<>(TerminationReason.class);
    private final Map<ErrorCode, LongAdder> refused = new EnumMap<>(ErrorCode.class);
    private final Map<StreamPath, LongAdder> streams = new EnumMap<>(StreamPath.class);
    private final LongAdder packets = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong durationMillis = new AtomicLong();
    private final Distribution mos = new Distribution(MOS_BOUNDS);
    private final Distribution loss = new Distribution(LOSS_BOUNDS);
    private final Distribution jitter = new Distribution(JITTER_BOUNDS);

    /** MOS from bad to the G.711 ceiling of 4.5 (E-model), finer where operators draw their lines (3.5 to 4.3). */
    static final double[] MOS_BOUNDS = {1.0, 2.0, 2.5, 3.0, 3.5, 3.8, 4.0, 4.2, 4.3, 4.4, 4.5};
    /** Fraction of RTP packets lost: 0.1 % is inaudible, 1 % audible, 5 % bad. */
    static final double[] LOSS_BOUNDS = {0.0, 0.001, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.5, 1.0};
    /** Interarrival jitter in seconds: a jitter buffer absorbs tens of milliseconds. */
    static final double[] JITTER_BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.5};

    CallTotals() {
        for (TerminationReason r : TerminationReason.values()) {
            ended.put(r, new LongAdder());
        }
        for (ErrorCode c : ErrorCode.values()) {
            refused.put(c, new LongAdder());
        }
        for (StreamPath p : StreamPath.values()) {
            streams.put(p, new LongAdder());
        }
    }

    void ended(Cdr cdr) {
        ended.get(cdr.reason()).increment();
        durationMillis.addAndGet(cdr.duration().toMillis());
        for (CdrStream s : cdr.streams()) {
            streams.get(s.path()).increment();
            count(s.caller());
            count(s.callee());
        }
    }

    private void count(CdrParty p) {
        packets.add(p.rtp().packets() + p.rtcp().packets());
        bytes.add(p.rtp().bytes() + p.rtcp().bytes());
        dropped.add(p.dropped());
        p.quality().ifPresent(q -> {
            mos.observe(q.mos());
            loss.observe(q.expected() > 0 ? Math.max(0, q.lost()) / (double) q.expected() : 0);
            jitter.observe(q.jitterMillis() / 1000);
        });
    }

    /** MOS, fraction of packets lost and jitter (seconds) of each stream direction of ended calls. */
    public record Quality(Distribution.Snapshot mos, Distribution.Snapshot loss, Distribution.Snapshot jitter) {
    }

    void refused(ErrorCode code) {
        refused.get(code).increment();
    }

    public Snapshot snapshot() {
        Map<TerminationReason, Long> e = new EnumMap<>(TerminationReason.class);
        ended.forEach((k, v) -> e.put(k, v.sum()));
        Map<ErrorCode, Long> r = new EnumMap<>(ErrorCode.class);
        refused.forEach((k, v) -> r.put(k, v.sum()));
        Map<StreamPath, Long> s = new EnumMap<>(StreamPath.class);
        streams.forEach((k, v) -> s.put(k, v.sum()));
        return new Snapshot(e, r, s, packets.sum(), bytes.sum(), dropped.sum(), Duration.ofMillis(durationMillis.get()),
                new Quality(mos.snapshot(), loss.snapshot(), jitter.snapshot()));
    }

    /**
     * @param packets RTP and RTCP packets relayed by ended calls, both directions
     * @param dropped packets of ended calls received and not forwarded
     * @param quality the RTP quality of ended calls, one observation per stream and direction with RTP
     */
    public record Snapshot(Map<TerminationReason, Long> ended, Map<ErrorCode, Long> refused,
                           Map<StreamPath, Long> streams, long packets, long bytes, long dropped,
                           Duration totalDuration, Quality quality) {

        public Snapshot {
            ended = Map.copyOf(ended);
            refused = Map.copyOf(refused);
            streams = Map.copyOf(streams);
        }

        public long endedCalls() {
            return ended.values().stream().mapToLong(Long::longValue).sum();
        }

        public long refusedCommands() {
            return refused.values().stream().mapToLong(Long::longValue).sum();
        }

        public Duration averageDuration() {
            long n = endedCalls();
            return n == 0 ? Duration.ZERO : totalDuration.dividedBy(n);
        }
    }
}
