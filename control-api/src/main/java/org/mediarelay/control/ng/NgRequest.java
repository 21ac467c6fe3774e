package org.mediarelay.control.ng;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to an ng request dictionary. Keys are normalised once: rtpengine accepts {@code received from} and
 * {@code received-from} alike, so spaces become hyphens. Identifiers (call-id, tags) are decoded one char per byte so
 * that distinct byte strings stay distinct; the SDP is handed over as bytes.
 */
public final class NgRequest {

    private final Map<String, Object> dict;

    private NgRequest(Map<String, Object> dict) {
        this.dict = dict;
    }

    public static NgRequest of(Map<String, Object> raw) {
        Map<String, Object> dict = new LinkedHashMap<>();
        raw.forEach((k, v) -> dict.put(k.replace(' ', '-'), v));
        return new NgRequest(dict);
    }

    public String command() {
        return requiredString("command");
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

    /** A list of strings; absent is empty. */
    public List<String> strings(String key) {
        Object v = dict.get(key);
        if (v == null) {
            return List.of();
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
