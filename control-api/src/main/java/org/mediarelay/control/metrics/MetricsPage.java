package org.mediarelay.control.metrics;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.mediarelay.accounting.Accounting;
import org.mediarelay.accounting.cdr.TerminationReason;
import org.mediarelay.accounting.sink.SinkStats;
import org.mediarelay.control.access.SourceAllowList;
import org.mediarelay.dispatcher.CallTotals;
import org.mediarelay.dispatcher.Dispatcher;
import org.mediarelay.dispatcher.command.ErrorCode;
import org.mediarelay.node.api.Counter;
import org.mediarelay.node.api.DropReason;
import org.mediarelay.node.api.FlowTotals;
import org.mediarelay.node.api.KernelTotals;
import org.mediarelay.node.api.NodeTotals;
import org.mediarelay.node.api.Party;

/**
 * {@code GET /metrics}: this process's metrics in Prometheus' text format, all named {@code mediarelay_*}. Each
 * process (dispatcher, relay, or both) exposes its own; Prometheus sums across them.
 */
public final class MetricsPage {

    private final Optional<Supplier<CompletionStage<NodeTotals>>> node;
    private final Optional<Dispatcher> dispatcher;
    private final Optional<Accounting> accounting;
    private final ControlMetrics control;
    private final SourceAllowList access;
    private final Clock clock;
    private final LongSupplier clusterRefusals;
    /** Highest value reported per counter series: a session between its node's release and its totals must not
     * make a counter go down (Prometheus would read that as a restart). */
    private final Map<String, Long> reported = new ConcurrentHashMap<>();

    /** Each part is present when this process runs it (role {@code relay}: no dispatcher, no accounting). */
    public MetricsPage(Optional<Supplier<CompletionStage<NodeTotals>>> node, Optional<Dispatcher> dispatcher,
                       Optional<Accounting> accounting, ControlMetrics control, SourceAllowList access, Clock clock,
                       LongSupplier clusterRefusals) {
        this.clock = clock;
        this.clusterRefusals = clusterRefusals;
        this.node = node;
        this.dispatcher = dispatcher;
        this.accounting = accounting;
        this.control = control;
        this.access = access;
    }

    public void install(Router router) {
        router.get("/metrics").handler(ctx -> node.map(n -> Future.fromCompletionStage(n.get()).map(Optional::of))
                .orElse(Future.succeededFuture(Optional.empty())).map(this::render)
                .onSuccess(text -> ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(text))
                .onFailure(e -> ctx.response().setStatusCode(503).putHeader("content-type", "text/plain")
                        .end("relay node metrics unavailable: " + e.getMessage() + "\n")));
    }

    String render(Optional<NodeTotals> totals) {
        PrometheusText out = new PrometheusText();
        totals.ifPresent(n -> node(out, n));
        dispatcher.ifPresent(d -> calls(out, d));
        control.render(out);
        refusals(out);
        accounting.ifPresent(a -> cdrs(out, a));
        ProcessMetrics.render(out);
        return out.toString();
    }

    private void node(PrometheusText out, NodeTotals n) {
        out.gauge("mediarelay_node_sessions", "Sessions open on this relay node.", n.sessions());
        out.gauge("mediarelay_streams", "Media streams the relay node carries now.", n.streams());
        Map<String, Integer> ports = new TreeMap<>();
        ports.put(PrometheusText.labels("state", "free"), 2 * n.freePairs());
        ports.put(PrometheusText.labels("state", "used"), 2 * (n.totalPairs() - n.freePairs()));
        out.family("mediarelay_ports", "Media ports of the relay node, by state.", "gauge", ports);

        Map<String, Long> packets = new TreeMap<>();
        Map<String, Long> bytes = new TreeMap<>();
        Map<String, Long> drops = new TreeMap<>();
        for (Party from : Party.values()) {
            String direction = from == Party.CALLER ? "caller-to-callee" : "callee-to-caller";
            FlowTotals t = n.fromParty().get(from);
            flow(packets, bytes, direction, "rtp", t.rtp());
            flow(packets, bytes, direction, "rtcp", t.rtcp());
            flow(packets, bytes, direction, "stun", t.stun());
            flow(packets, bytes, direction, "key-exchange", t.keyExchange());
            flow(packets, bytes, direction, "udptl", t.udptl());
            flow(packets, bytes, direction, "other", t.other());
            for (DropReason r : DropReason.values()) {
                drops.put(PrometheusText.labels("direction", direction, "reason", token(r.name())),
                        t.drops().getOrDefault(r, 0L));
            }
        }
        out.family("mediarelay_packets_relayed_total", "Packets forwarded, by direction and kind.", "counter",
                monotonic("packets", packets));
        out.family("mediarelay_bytes_relayed_total", "UDP payload bytes forwarded, by direction and kind.", "counter",
                monotonic("bytes", bytes));
        out.family("mediarelay_packets_dropped_total", "Packets received and not forwarded, by direction and reason.",
                "counter", monotonic("drops", drops));
        kernel(out, n.kernel(), n.streams());
    }

    /** The kernel path: streams in it and in userspace, and how installing went (see docs/media.md). */
    private static void kernel(PrometheusText out, KernelTotals k, int streams) {
        out.gauge("mediarelay_kernel_path", "1 when this relay node hands confirmed streams to the kernel.",
                k.enabled() ? 1 : 0);
        Map<String, Integer> byPath = new TreeMap<>();
        byPath.put(PrometheusText.labels("path", "kernel"), k.streams());
        byPath.put(PrometheusText.labels("path", "userspace"), Math.max(0, streams - k.streams()));
        out.family("mediarelay_streams_by_path", "Media streams whose RTP the kernel or userspace forwards now.",
                "gauge", byPath);
        Map<String, Long> changes = new TreeMap<>();
        changes.put(PrometheusText.labels("change", "install"), k.installs());
        changes.put(PrometheusText.labels("change", "remove"), k.removals());
        changes.put(PrometheusText.labels("change", "refused"), k.refusals());
        out.family("mediarelay_kernel_route_changes_total", "Streams' routes put into, taken out of, or refused by "
                + "the kernel.", "counter", changes);
        out.family("mediarelay_kernel_install_delay_seconds_total", "Summed time from a stream's confirmation to its "
                + "routes' being in the kernel (divide by the install count for the mean).", "counter",
                Map.of("", k.delayNanos() / 1e9));
        out.gauge("mediarelay_kernel_install_delay_max_seconds", "The longest time from a stream's confirmation to its "
                + "routes' being in the kernel, since start.", k.maxDelayNanos() / 1e9);
    }

    private static void calls(PrometheusText out, Dispatcher dispatcher) {
        out.gauge("mediarelay_sessions", "Open call sessions on this dispatcher.", dispatcher.sessionCount());
        CallTotals.Snapshot calls = dispatcher.totals();
        Map<String, Long> ended = new TreeMap<>();
        for (TerminationReason r : TerminationReason.values()) {
            ended.put(PrometheusText.labels("reason", r.token()), calls.ended().getOrDefault(r, 0L));
        }
        out.family("mediarelay_calls_ended_total", "Calls ended, by termination reason.", "counter", ended);
        Map<String, Long> refused = new TreeMap<>();
        for (ErrorCode c : ErrorCode.values()) {
            refused.put(PrometheusText.labels("code", c.token()), calls.refused().getOrDefault(c, 0L));
        }
        out.family("mediarelay_commands_failed_total", "Offers, answers and deletes that failed, by error code.",
                "counter", refused);
        CallTotals.Quality q = calls.quality();
        String each = " of ended calls, one observation per stream and direction with RTP.";
        out.header("mediarelay_call_mos", "Listening-quality MOS (E-model estimate)" + each, "histogram");
        out.histogram("mediarelay_call_mos", "", q.mos());
        out.header("mediarelay_call_packet_loss_ratio", "Fraction of RTP packets lost" + each, "histogram");
        out.histogram("mediarelay_call_packet_loss_ratio", "", q.loss());
        out.header("mediarelay_call_jitter_seconds", "RTP interarrival jitter" + each, "histogram");
        out.histogram("mediarelay_call_jitter_seconds", "", q.jitter());
    }

    private void refusals(PrometheusText out) {
        Map<String, Long> denied = new TreeMap<>();
        Map<String, Long> bySource = access.refusals();
        Map<String, Long> byCredentials = control.refusals();
        for (String protocol : new String[] {"ng-udp", "ng-tcp", "ng-http", "mediaproxy-tcp", "rest"}) {
            denied.put(PrometheusText.labels("protocol", protocol), bySource.getOrDefault(protocol, 0L)
                    + byCredentials.getOrDefault(protocol, 0L));
        }
        out.family("mediarelay_control_refused_total", "Control requests refused: source not in ng.allow, or no "
                + "valid bearer token.", "counter", denied);
        out.family("mediarelay_cluster_joins_refused_total", "Hazelcast join requests this member refused as the "
                + "cluster's master: the joiner's address is not in the cluster's allow-list.", "counter",
                Map.of("", clusterRefusals.getAsLong()));
    }

    private void cdrs(PrometheusText out, Accounting accounting) {
        out.family("mediarelay_cdrs_written_total", "CDRs made durable.", "counter", Map.of("", accounting.written()));
        out.family("mediarelay_cdrs_failed_total", "CDRs given up: the process stopped before the disk took them "
                + "(logged in full).", "counter", Map.of("", accounting.givenUp()));
        out.gauge("mediarelay_cdrs_pending", "CDRs not on disk yet (waiting for the writer, or kept for a retry).",
                accounting.pending());
        out.family("mediarelay_cdr_write_failures_total", "Writes to the CDR files the disk refused (each retried).",
                "counter", Map.of("", accounting.failedWrites()));
        out.gauge("mediarelay_cdr_files_writable", "1 while the CDR files take writes, 0 from a refused write until "
                + "one succeeds (the process is then not ready).", accounting.writable() ? 1 : 0);
        // Declared with no series when no sink is configured: a dashboard's queries find the names either way.
        List<SinkStats> sinks = accounting.sinkStats();
        Map<String, Long> delivered = new TreeMap<>();
        Map<String, Long> failures = new TreeMap<>();
        Map<String, Long> backlog = new TreeMap<>();
        Map<String, Long> alarm = new TreeMap<>();
        Map<String, Long> up = new TreeMap<>();
        Map<String, Long> skipped = new TreeMap<>();
        Map<String, Double> lag = new TreeMap<>();
        Instant now = clock.instant();
        for (SinkStats s : sinks) {
            String labels = PrometheusText.labels("sink", s.sink());
            delivered.put(labels, s.delivered());
            failures.put(labels, s.failures());
            backlog.put(labels, s.backlogBytes());
            alarm.put(labels, s.backlogBytes() > accounting.backlogAlarmBytes() ? 1L : 0L);
            up.put(labels, s.up() ? 1L : 0L);
            skipped.put(labels, s.skippedBytes());
            lag.put(labels, s.lag(now).toMillis() / 1000.0);
        }
        out.family("mediarelay_cdr_sink_delivered_total", "CDRs delivered by each sink (again after a retry).",
                "counter", delivered);
        out.family("mediarelay_cdr_sink_failures_total", "Failed starts and deliveries of each sink (each retried).",
                "counter", failures);
        out.family("mediarelay_cdr_sink_backlog_bytes", "Bytes of the CDR files each sink has still to deliver.",
                "gauge", backlog);
        out.family("mediarelay_cdr_sink_backlog_alarm", "1 when a sink is further behind than cdr.backlog.alarm.",
                "gauge", alarm);
        out.family("mediarelay_cdr_sink_up", "1 when a sink's latest start or delivery succeeded.", "gauge", up);
        out.family("mediarelay_cdr_sink_lag_seconds", "How long ago the oldest CDR a sink is delivering ended; 0 when "
                + "it is delivering none.", "gauge", lag);
        out.family("mediarelay_cdr_sink_skipped_bytes_total", "CDR file bytes a sink skipped, further behind than "
                + "cdr.backlog.max (still in the files).", "counter", skipped);
    }

    private static void flow(Map<String, Long> packets, Map<String, Long> bytes, String direction, String kind,
                             Counter c) {
        String labels = PrometheusText.labels("direction", direction, "kind", kind);
        packets.put(labels, c.packets());
        bytes.put(labels, c.bytes());
    }

    private Map<String, Long> monotonic(String family, Map<String, Long> series) {
        Map<String, Long> out = new TreeMap<>();
        series.forEach((labels, v) -> out.put(labels, reported.merge(family + labels, v, Math::max)));
        return out;
    }

    private static String token(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
