package org.mediarelay.control.ng;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reply dictionaries of the ng protocol. */
final class NgReplies {

    private NgReplies() {
    }

    static Map<String, Object> pong() {
        return Map.of("result", "pong");
    }

    /** A mutable {@code ok} reply, for the caller to add to. */
    static Map<String, Object> ok() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", "ok");
        return m;
    }

    /** The node is full and the proxy said it {@code supports: load limit}: it will try another relay. */
    static Map<String, Object> loadLimit(String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", "load limit");
        m.put("message", reason);
        return m;
    }

    static Map<String, Object> ok(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", "ok");
        m.put(key, value);
        return m;
    }

    /** {@code error} carries {@code error-reason} and nothing else. */
    static Map<String, Object> error(String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", "error");
        m.put("error-reason", reason);
        return m;
    }
}
