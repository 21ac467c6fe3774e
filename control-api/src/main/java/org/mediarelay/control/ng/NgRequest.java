package org.mediarelay.control.ng;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to an ng request dictionary. Keys are normalised once: rtpengine accepts {@code received from} and
 * {@code received-from} alike, so spaces become hyphens; {@code rtpp_flags} is expanded into the keys it stands for
 * ({@link RtppFlags}). Identifiers (call-id, tags) are decoded one char per byte so that distinct byte strings stay
 * distinct; the SDP is handed over as bytes.
 */
public final class NgRequest {

    private final Map<String, Object> dict;
    private final NgEncoding encoding;

    private NgRequest(Map<String, Object> dict, NgEncoding encoding) {
        this.dict = dict;
        this.encoding = encoding;
    }

    public static NgRequest of(Map<String, Object> raw) {
        return of(raw, NgEncoding.BENCODE);
    }

    public static NgRequest of(Map<String, Object> raw, NgEncoding encoding) {
        Map<String, Object> dict = new LinkedHashMap<>();
        raw.forEach((k, v) -> dict.put(k.replace(' ', '-'), v));
        Object rtpp = dict.remove("rtpp_flags");
        if (rtpp != null) {
            if (!(rtpp instanceof byte[] b)) {
                throw new NgRequestException("key 'rtpp_flags' must be a string");
            }
            RtppFlags.expandInto(new String(b, StandardCharsets.ISO_8859_1), dict);
        }
        return new NgRequest(dict, encoding);
    }

    /** The encoding the request came in, which its reply uses. */
    public NgEncoding encoding() {
        return encoding;
    }

    public String command() {
        return requiredString("command");
    }

    public boolean has(String key) {
        return dict.containsKey(key);
    }

    public String requiredString(String key) {
        return string(key).orElseThrow(() -> new NgRequestException("missing key '" + key + "'"));
    }

    public Optional<String> string(String key) {
        return bytes(key).map(b -> new String(b, StandardCharsets.ISO_8859_1));
    }

    public Optional<byte[]> bytes(String key) {
        Object v = dict.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof byte[] b)) {
            throw new NgRequestException("key '" + key + "' must be a string");
        }
        return Optional.of(b);
    }

    public byte[] requiredBytes(String key) {
        return bytes(key).orElseThrow(() -> new NgRequestException("missing key '" + key + "'"));
    }

    /** An integer, given as one or as a string of digits (proxies send both). */
    public Optional<Long> integer(String key) {
        Object v = dict.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Long l) {
            return Optional.of(l);
        }
        if (v instanceof byte[] b) {
            String s = new String(b, StandardCharsets.ISO_8859_1).trim();
            if (s.matches("-?[0-9]{1,18}")) {
                return Optional.of(Long.parseLong(s));
            }
        }
        throw new NgRequestException("key '" + key + "' must be an integer");
    }

    /** A dictionary (rtpengine's {@code codec}, say); absent is empty. */
    public Optional<Map<String, Object>> dictionary(String key) {
        Object v = dict.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new NgRequestException("key '" + key + "' must be a dictionary");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, value) -> out.put(String.valueOf(k).replace(' ', '-'), value));
        return Optional.of(out);
    }

    /** The request's keys, normalised ({@code received from} as {@code received-from}). */
    public java.util.Set<String> keys() {
        return dict.keySet();
    }

    /** A list of strings; absent is empty, and a single string is a list of one. */
    public List<String> strings(String key) {
        Object v = dict.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof byte[] b) {
            return List.of(new String(b, StandardCharsets.ISO_8859_1));
        }
        if (!(v instanceof List<?> list)) {
            throw new NgRequestException("key '" + key + "' must be a list of strings");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof byte[] b)) {
                throw new NgRequestException("key '" + key + "' must be a list of strings");
            }
            out.add(new String(b, StandardCharsets.ISO_8859_1));
        }
        return out;
    }
}
