package org.mediarelay.control.metrics;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.mediarelay.dispatcher.Distribution;

/**
 * Control requests by protocol, command and result, and how long they took (a histogram per protocol and command).
 * Label values come from fixed sets, so that a client sending junk commands cannot grow the series without bound.
 */
public final class ControlMetrics {

    /** Upper bounds of the latency buckets, in seconds: 100 µs to 1 s, then +Inf. */
    static final double[] BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
        0.5, 1.0};
    private static final Set<String> COMMANDS = Set.of("ping", "offer", "answer", "delete", "query", "list",
            "statistics", "update", "remove", "summary", "sessions", "version");
    private static final Set<String> RESULTS = Set.of("ok", "pong", "error", "load limit");

    /** protocol → command → result → count; nested so that counting a request builds no key. */
    private final Map<String, Map<String, Map<String, LongAdder>>> requests = new ConcurrentHashMap<>();
    /** protocol → command → latency. */
    private final Map<String, Map<String, Distribution>> latency = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();

    /** A caller turned away before its request ran (bad credentials); {@code protocol} is a constant of the caller. */
    public void refused(String protocol) {
        refused.computeIfAbsent(protocol, p -> new LongAdder()).increment();
    }

    /** Refusals counted here, by protocol. */
    Map<String, Long> refusals() {
        Map<String, Long> out = new TreeMap<>();
        refused.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void observe(String protocol, String command, String result, long nanos) {
        String c = COMMANDS.contains(command) ? command : "other";
        String r = RESULTS.contains(result) ? result : "other";
        requests.computeIfAbsent(protocol, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(c, x -> new ConcurrentHashMap<>())
                .computeIfAbsent(r, x -> new LongAdder()).increment();
        latency.computeIfAbsent(protocol, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(c, x -> new Distribution(BUCKETS)).observe(nanos / 1e9);
    }

    void render(PrometheusText out) {
        Map<String, Long> counts = new TreeMap<>();
        requests.forEach((protocol, byCommand) -> byCommand.forEach((command, byResult) -> byResult.forEach(
                (result, n) -> counts.put(PrometheusText.labels("protocol", protocol, "command", command,
                        "result", result.replace(' ', '-')), n.sum()))));
        out.family("mediarelay_control_requests_total", "Control requests answered, by protocol, command and result.",
                "counter", counts);
        String name = "mediarelay_control_request_duration_seconds";
        out.header(name, "Time from a control request's arrival to its reply.", "histogram");
        Map<String, Distribution> histograms = new TreeMap<>();
        latency.forEach((protocol, byCommand) -> byCommand.forEach((command, h) ->
                histograms.put(PrometheusText.labels("protocol", protocol, "command", command), h)));
        histograms.forEach((labels, h) -> out.histogram(name, labels, h.snapshot()));
    }
}
