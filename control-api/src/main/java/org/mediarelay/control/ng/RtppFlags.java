package org.mediarelay.control.ng;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code rtpp_flags}: all options in one string, rtpproxy style, as newer Kamailio and OpenSIPS send them
 * ({@code "replace-origin ICE=force-relay strict-source rtcp-mux-demux label=a"}). Expanded into the ng keys they
 * stand for, so that the rest of the handler reads one form: {@code replace-X} adds X to {@code replace},
 * {@code rtcp-mux-X} to {@code rtcp-mux}, {@code key=value} sets the key (a list key gets the value appended), and a
 * bare word is a flag. Keys given outright win over the same key in {@code rtpp_flags}.
 */
final class RtppFlags {

    /** Keys whose value is a list: a value in rtpp_flags is appended to what the request already has. */
    private static final Set<String> LIST_KEYS = Set.of("flags", "replace", "rtcp-mux", "direction", "supports");

    private RtppFlags() {
    }

    static void expandInto(String rtppFlags, Map<String, Object> dict) {
        for (String token : rtppFlags.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            String lower = token.toLowerCase(Locale.ROOT);
            if (eq > 0) {
                set(dict, key(token.substring(0, eq)), token.substring(eq + 1));
            } else if (lower.startsWith("replace-")) {
                append(dict, "replace", token.substring("replace-".length()));
            } else if (lower.startsWith("rtcp-mux-")) {
                append(dict, "rtcp-mux", token.substring("rtcp-mux-".length()));
            } else {
                append(dict, "flags", token);
            }
        }
    }

    /** {@code ICE} keeps its case (ng keys are case-sensitive); other keys are lower case with hyphens. */
    private static String key(String raw) {
        String k = raw.replace('_', '-').replace(' ', '-');
        return k.equalsIgnoreCase("ice") ? "ICE" : k.toLowerCase(Locale.ROOT);
    }

    private static void set(Map<String, Object> dict, String key, String value) {
        if (LIST_KEYS.contains(key)) {
            append(dict, key, value);
        } else {
            dict.putIfAbsent(key, value.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static void append(Map<String, Object> dict, String key, String value) {
        List<Object> list = new ArrayList<>();
        Object existing = dict.get(key);
        if (existing instanceof List<?> l) {
            list.addAll(l);
        } else if (existing instanceof byte[] b) {
            list.add(b);
        } else if (existing != null) {
            throw new NgRequestException("key '" + key + "' must be a list of strings");
        }
        list.add(value.getBytes(StandardCharsets.ISO_8859_1));
        dict.put(key, list);
    }
}
