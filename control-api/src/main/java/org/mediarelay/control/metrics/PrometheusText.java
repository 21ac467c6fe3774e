package org.mediarelay.control.metrics;

import java.util.Locale;
import java.util.Map;
import org.mediarelay.dispatcher.Distribution;

/**
 * Prometheus' text exposition format (version 0.0.4): {@code # HELP}, {@code # TYPE}, then one line per series.
 * Label values are escaped; names are the caller's constants.
 */
final class PrometheusText {

    private final StringBuilder out = new StringBuilder(8192);

    void gauge(String name, String help, double value) {
        header(name, help, "gauge");
        sample(name, "", value);
    }

    /** @param series label set (rendered, see {@link #labels}) to value */
    void family(String name, String help, String type, Map<String, ? extends Number> series) {
        header(name, help, type);
        series.forEach((labels, v) -> sample(name, labels, v.doubleValue()));
    }

    /** One histogram's series: its cumulative {@code le} buckets, {@code +Inf}, sum and count. */
    void histogram(String name, String labels, Distribution.Snapshot h) {
        String prefix = labels.isEmpty() ? "" : labels + ",";
        for (int i = 0; i < h.bounds().length; i++) {
            sample(name + "_bucket", prefix + "le=\"" + h.bounds()[i] + "\"", h.cumulative()[i]);
        }
        sample(name + "_bucket", prefix + "le=\"+Inf\"", h.count());
        sample(name + "_sum", labels, h.sum());
        sample(name + "_count", labels, h.count());
    }

    void header(String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    void sample(String name, String labels, double value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    /** {@code a="x",b="y"} from alternating names and values. */
    static String labels(String... nameValue) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < nameValue.length; i += 2) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(nameValue[i]).append("=\"").append(escape(nameValue[i + 1])).append('"');
        }
        return b.toString();
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.9g", v);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
