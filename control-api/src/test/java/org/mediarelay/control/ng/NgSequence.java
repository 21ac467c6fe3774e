package org.mediarelay.control.ng;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One real offer/answer/delete sequence of the ng corpus ({@code src/test/resources/ng-corpus}), as a proxy sends it,
 * with what each reply must be. The file format, line by line:
 *
 * <pre>
 * # provenance and notes (ignored); "# relay: ::1" runs the sequence against an IPv6 relay
 * ## offer from-tag=alice via-branch=z9hG4bK-1 flags=strip-extmap,codec-strip-PCMA ICE=remove
 * -- sdp [lf] [nofinal]         the body sent: CRLF line endings unless "lf", a final line break unless "nofinal"
 * v=0
 * ...
 * -- expect [lf] [nofinal]      the body expected back, byte for byte but for the placeholders below
 * ...
 * -- warning TEXT               the reply's warning, exactly (no such line: the reply has none)
 * -- error TEXT                 the reply is an error with this reason
 * ## delete from-tag=alice
 * -- result ok
 * </pre>
 *
 * In an expected body, {@code {relay}} is the relay's media address and {@code {A}}, {@code {A+1}} (any capital
 * letters) a relay port: bound where first met, the same number wherever met again, and within the node's range.
 * Keys: {@code call-id} defaults to the file's name; {@code flags}, {@code replace}, {@code rtcp-mux} and
 * {@code supports} take comma-separated lists; {@code received-from=ADDR} stands for {@code ["IP4"|"IP6", ADDR]}.
 */
record NgSequence(String name, boolean ipv6Relay, List<Step> steps) {

    private static final Set<String> LIST_KEYS = Set.of("flags", "replace", "rtcp-mux", "supports");

    /** One request and what its reply must say. */
    record Step(String command, Map<String, Object> request, Optional<String> expectedSdp,
                Optional<String> warning, Optional<String> error, Optional<String> result, int line) {
    }

    static NgSequence read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = file.getFileName().toString().replaceFirst("\\.seq$", "");
        boolean v6 = false;
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String l = lines.get(i);
            if (l.startsWith("# relay: ::1")) {
                v6 = true;
            }
            if (!l.startsWith("## ")) {
                i++;
                continue;
            }
            int stepLine = i + 1;
            String[] head = l.substring(3).trim().split(" +");
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("command", head[0]);
            request.put("call-id", name);
            for (int k = 1; k < head.length; k++) {
                int eq = head[k].indexOf('=');
                String key = head[k].substring(0, eq);
                String value = head[k].substring(eq + 1);
                if (LIST_KEYS.contains(key)) {
                    request.put(key, List.of(value.split(",")));
                } else if (key.equals("received-from")) {
                    request.put(key, List.of(value.indexOf(':') >= 0 ? "IP6" : "IP4", value));
                } else {
                    request.put(key, value);
                }
            }
            Optional<String> expect = Optional.empty();
            Optional<String> warning = Optional.empty();
            Optional<String> error = Optional.empty();
            Optional<String> result = Optional.empty();
            i++;
            while (i < lines.size() && !lines.get(i).startsWith("## ")) {
                String part = lines.get(i);
                if (part.startsWith("-- sdp") || part.startsWith("-- expect")) {
                    int end = i + 1;
                    while (end < lines.size() && !lines.get(end).startsWith("-- ") && !lines.get(end).startsWith("## ")
                            && !lines.get(end).startsWith("# ")) {
                        end++;
                    }
                    String body = body(lines.subList(i + 1, end), part.contains(" lf"), part.contains(" nofinal"));
                    if (part.startsWith("-- sdp")) {
                        request.put("sdp", body);
                    } else {
                        expect = Optional.of(body);
                    }
                    i = end;
                    continue;
                }
                if (part.startsWith("-- warning ")) {
                    warning = Optional.of(part.substring("-- warning ".length()));
                } else if (part.startsWith("-- error ")) {
                    error = Optional.of(part.substring("-- error ".length()));
                } else if (part.startsWith("-- result ")) {
                    result = Optional.of(part.substring("-- result ".length()));
                }
                i++;
            }
            steps.add(new Step(head[0], request, expect, warning, error, result, stepLine));
        }
        return new NgSequence(name, v6, List.copyOf(steps));
    }

    private static String body(List<String> lines, boolean lf, boolean noFinal) {
        String eol = lf ? "\n" : "\r\n";
        String joined = String.join(eol, lines);
        return noFinal ? joined : joined + eol;
    }
}
