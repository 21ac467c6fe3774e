package org.mediarelay.control.launch;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code status}, {@code sessions} and {@code top} print: the REST API's JSON as tables an operator reads at a
 * glance. Pure: JSON and the current time in, text out.
 */
final class ApiViews {

    private ApiViews() {
    }

    /**
     * The relay nodes and the totals.
     *
     * @param nodes      {@code GET /v1/nodes}'s {@code nodes}
     * @param statistics {@code GET /v1/statistics}
     */
    static String status(JsonArray nodes, JsonObject statistics) {
        TextTable t = new TextTable("NODE", "STATE", "SESSIONS>", "STREAMS>", "PACKETS/S>", "CPU>", "PORTS FREE",
                "INTERFACES");
        for (Object o : nodes) {
            JsonObject n = (JsonObject) o;
            JsonArray interfaces = n.getJsonArray("interfaces", new JsonArray());
            Object cpu = n.getValue("cpu_percent");
            t.row(n.getString("id"), n.getString("state"), n.getValue("sessions"), n.getValue("streams"),
                    n.getValue("packet_rate"), cpu == null ? null : cpu + "%",
                    n.getValue("ports_free") + "/" + n.getValue("ports_total"),
                    interfaces.isEmpty() ? n.getString("media_address") : String.join(" ", strings(interfaces)));
        }
        StringBuilder out = new StringBuilder(t.isEmpty() ? "no relay node is reporting\n" : t.render());
        out.append('\n').append(count(statistics.getLong("sessions", 0L), "call")).append(" open · ")
                .append(thousands(statistics.getLong("packets_relayed", 0L))).append(" packets relayed (")
                .append(bytes(statistics.getLong("bytes_relayed", 0L))).append(") · ")
                .append(thousands(statistics.getLong("packets_dropped", 0L))).append(" dropped · average call ")
                .append(duration(Duration.ofMillis(statistics.getLong("average_duration_ms", 0L)))).append('\n');
        appendCounts(out, "ended", statistics.getJsonObject("calls_ended"));
        appendCounts(out, "failed commands", statistics.getJsonObject("commands_failed"));
        return out.toString();
    }

    /**
     * The open calls, newest first, at most {@code limit} of them.
     *
     * @param calls {@code GET /v1/calls}
     */
    static String sessions(JsonObject calls, Instant now, int limit) {
        List<JsonObject> list = new ArrayList<>();
        calls.getJsonArray("calls", new JsonArray()).forEach(o -> list.add((JsonObject) o));
        list.sort((a, b) -> b.getString("created", "").compareTo(a.getString("created", "")));
        TextTable t = new TextTable("CALL-ID", "FROM-TAG", "TO-TAG", "NODE", "STATE", "AGE>", "LABELS");
        for (JsonObject c : list.subList(0, Math.min(limit, list.size()))) {
            JsonObject labels = c.getJsonObject("labels", new JsonObject());
            List<String> l = new ArrayList<>();
            labels.forEach(e -> l.add(e.getKey() + "=" + e.getValue()));
            t.row(c.getString("call_id"), c.getString("from_tag"), c.getString("to_tag"), c.getString("node"),
                    c.containsKey("answered") ? "answered" : "offered", age(c.getString("created"), now),
                    l.isEmpty() ? null : String.join(" ", l));
        }
        long total = calls.getLong("total", (long) list.size());
        int rows = Math.min(limit, list.size());
        String shown = rows < total ? rows + " of " + count(total, "call") + " shown\n" : count(total, "call") + "\n";
        return (t.isEmpty() ? "" : t.render()) + shown;
    }

    private static void appendCounts(StringBuilder out, String what, JsonObject counts) {
        if (counts == null || counts.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : counts) {
            parts.add(e.getKey() + " " + thousands(((Number) e.getValue()).longValue()));
        }
        out.append(what).append(": ").append(String.join(", ", parts)).append('\n');
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>(a.size());
        a.forEach(o -> out.add(String.valueOf(o)));
        return out;
    }

    private static String age(String created, Instant now) {
        if (created == null) {
            return null;
        }
        try {
            return duration(Duration.between(Instant.parse(created), now));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code 45s}, {@code 3m05s}, {@code 2h03m}, {@code 3d04h}. */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, s % 86_400 / 3600);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String count(long n, String what) {
        return thousands(n) + " " + what + (n == 1 ? "" : "s");
    }
}
