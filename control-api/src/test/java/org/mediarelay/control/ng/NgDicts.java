package org.mediarelay.control.ng;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ng dictionaries as a proxy encodes them: strings as byte strings, in lists and nested dictionaries too. */
final class NgDicts {

    private NgDicts() {
    }

    /** A request from keys and values; strings become byte strings, byte strings and integers stay. */
    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], bytes(keysAndValues[i + 1]));
        }
        return m;
    }

    /** {@code request} with every string as a byte string (ISO-8859-1: one byte per char). */
    static Map<String, Object> encoded(Map<String, Object> request) {
        Map<String, Object> out = new LinkedHashMap<>();
        request.forEach((k, v) -> out.put(k, bytes(v)));
        return out;
    }

    static Object bytes(Object v) {
        if (v instanceof String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(o -> out.add(bytes(o)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, o) -> out.put((String) k, bytes(o)));
            return out;
        }
        return v;
    }

    /** A reply's string value, or null when the reply has no such key. */
    static String text(Map<String, Object> reply, String key) {
        Object v = reply.get(key);
        return v == null ? null : new String((byte[]) v, StandardCharsets.ISO_8859_1);
    }
}
