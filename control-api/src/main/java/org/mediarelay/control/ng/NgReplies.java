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
        return reply("ok");
    }

    static Map<String, Object> ok(String key, Object value) {
        return reply("ok", key, value);
    }

    /** The node is full and the proxy said it {@code supports: load limit}: it will try another relay. */
    static Map<String, Object> loadLimit(String reason) {
        return reply("load limit", "message", reason);
    }

    /** {@code error} carries {@code error-reason} and nothing else. */
    static Map<String, Object> error(String reason) {
        return reply("error", "error-reason", reason);
    }

    /** A mutable reply: {@code result} first (JSON keeps the order), then the pairs. */
    private static Map<String, Object> reply(String result, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", result);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
