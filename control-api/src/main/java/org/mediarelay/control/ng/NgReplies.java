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

    static Map<String, Object> ok() {
        return Map.of("result", "ok");
    }

    static Map<String, Object> ok(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", "ok");
        m.put(key, value);
        return m;
    }

    /** {@code error} carries {@code error-reason} and nothing else. */
    static Map<String, Object> error(String reason) {
        return Map.of("result", "error", "error-reason", reason);
    }
}
