package org.mediarelay.control.ng;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ng dictionaries in JSON, mapped onto the values bencode gives: strings become UTF-8 {@code byte[]}, integral
 * numbers {@code Long}, booleans the strings {@code true}/{@code false}. JSON cannot carry arbitrary bytes, so an SDP
 * sent as JSON is taken as UTF-8, and returned the same way.
 */
final class NgJson {

    private NgJson() {
    }

    static Map<String, Object> decode(byte[] data, int offset) {
        JsonObject json;
        try {
            json = new JsonObject(Buffer.buffer(data).slice(offset, data.length));
        } catch (DecodeException e) {
            throw new NgRequestException("invalid JSON: " + firstLine(e.getMessage()));
        }
        return dict(json);
    }

    static byte[] encode(Map<String, Object> reply) {
        return ((JsonObject) toJson(reply)).encode().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The end (exclusive) of the JSON object starting at {@code offset}, found by counting braces outside strings;
     * -1 if the data ends first. Whether it is valid JSON is for {@link #decode} to say.
     */
    static int objectEnd(byte[] data, int offset) {
        int depth = 0;
        boolean inString = false;
        for (int i = offset; i < data.length; i++) {
            byte b = data[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    private static Map<String, Object> dict(JsonObject json) {
        Map<String, Object> out = new LinkedHashMap<>();
        json.getMap().forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    private static Object value(Object v) {
        if (v instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 1e15) {
            return (long) n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b.toString().getBytes(StandardCharsets.US_ASCII);
        }
        if (v instanceof JsonObject o) {
            return dict(o);
        }
        if (v instanceof Map<?, ?> m) {
            return dict(new JsonObject(castMap(m)));
        }
        if (v instanceof JsonArray a) {
            return list(a.getList());
        }
        if (v instanceof List<?> l) {
            return list(l);
        }
        if (v == null) {
            throw new NgRequestException("null values are not allowed");
        }
        throw new NgRequestException("unsupported JSON value " + v);
    }

    private static List<Object> list(List<?> in) {
        List<Object> out = new ArrayList<>(in.size());
        for (Object o : in) {
            out.add(value(o));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private static Object toJson(Object v) {
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (v instanceof Map<?, ?> m) {
            JsonObject o = new JsonObject();
            m.forEach((k, x) -> o.put((String) k, toJson(x)));
            return o;
        }
        if (v instanceof List<?> l) {
            JsonArray a = new JsonArray();
            l.forEach(x -> a.add(toJson(x)));
            return a;
        }
        return v;
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }
}
