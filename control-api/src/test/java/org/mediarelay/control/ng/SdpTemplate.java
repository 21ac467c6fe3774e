package org.mediarelay.control.ng;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mediarelay.node.port.PortRange;

/**
 * An expected SDP: byte for byte, but for {@code {relay}} (the relay's media address) and relay ports {@code {A}},
 * {@code {A+1}}, each bound where first met and the same wherever met again, each within the node's port range. The
 * reason of a mismatch names the line and what was expected there.
 */
final class SdpTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(relay|[A-Z]+)(?:\\+(\\d+))?\\}");

    private SdpTemplate() {
    }

    /** Empty when {@code actual} matches; else why not. {@code ports} collects the bound variables across steps. */
    static java.util.Optional<String> mismatch(String template, String actual, String relay, PortRange range,
                                              Map<String, Integer> ports) {
        List<String> want = lines(template);
        List<String> got = lines(actual);
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            if (i >= want.size() || i >= got.size()) {
                return java.util.Optional.of("line " + (i + 1) + ": expected "
                        + (i < want.size() ? "'" + want.get(i) + "'" : "the end") + ", got "
                        + (i < got.size() ? "'" + got.get(i) + "'" : "the end"));
            }
            java.util.Optional<String> why = line(want.get(i), got.get(i), relay, range, ports);
            if (why.isPresent()) {
                return java.util.Optional.of("line " + (i + 1) + ": " + why.get());
            }
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<String> line(String want, String got, String relay, PortRange range,
                                                  Map<String, Integer> ports) {
        Matcher m = PLACEHOLDER.matcher(want);
        StringBuilder regex = new StringBuilder("^");
        List<String[]> vars = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(want.substring(last, m.start())));
            if (m.group(1).equals("relay")) {
                regex.append(Pattern.quote(relay));
            } else {
                regex.append("(\\d{1,5})");
                vars.add(new String[] {m.group(1), m.group(2) == null ? "0" : m.group(2)});
            }
            last = m.end();
        }
        regex.append(Pattern.quote(want.substring(last))).append('$');
        Matcher g = Pattern.compile(regex.toString()).matcher(got);
        if (!g.matches()) {
            return java.util.Optional.of("expected '" + want + "', got '" + got + "'");
        }
        for (int v = 0; v < vars.size(); v++) {
            int value = Integer.parseInt(g.group(v + 1)) - Integer.parseInt(vars.get(v)[1]);
            String name = vars.get(v)[0];
            Integer bound = ports.putIfAbsent(name, value);
            if (bound != null && bound != value) {
                return java.util.Optional.of("{" + name + "} is " + bound + " elsewhere, here " + value + ": '" + got
                        + "'");
            }
            int port = Integer.parseInt(g.group(v + 1));
            if (port < range.min() || port > range.max()) {
                return java.util.Optional.of("port " + port + " is not a relay port (" + range.min() + "-"
                        + range.max() + "): '" + got + "'");
            }
        }
        return java.util.Optional.empty();
    }

    /** Lines with their endings shown, so that an ending is compared like any other byte. */
    private static List<String> lines(String body) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < body.length()) {
            int nl = body.indexOf('\n', start);
            int end = nl < 0 ? body.length() : nl + 1;
            out.add(body.substring(start, end).replace("\r", "\\r").replace("\n", "\\n"));
            start = end;
        }
        return out;
    }
}
