package org.mediarelay.control.mediaproxy;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request of MediaProxy's dispatcher protocol: a command line, then {@code name: value} header lines. A header
 * with an empty value counts as absent, as MediaProxy's dispatcher treats it ({@code to_tag: } in a 1xx).
 */
record MpRequest(String command, Map<String, String> headers) {

    MpRequest {
        headers = Map.copyOf(headers);
    }

    /** @param text the request without its terminating empty line; CRLF or LF line ends */
    static MpRequest parse(String text) {
        String[] lines = text.split("\r?\n");
        // Only line breaks split into nothing at all.
        String command = lines.length == 0 ? "" : lines[0].trim().toLowerCase(Locale.ROOT);
        if (command.isEmpty()) {
            throw new MpRequestException("empty request");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MpRequestException("header line " + (i + 1) + " has no 'name: value': '" + line + "'");
            }
            String value = line.substring(colon + 1).trim();
            if (!value.isEmpty()) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), value);
            }
        }
        return new MpRequest(command, headers);
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    String required(String name) {
        return header(name).orElseThrow(() -> new MpRequestException("missing header '" + name + "'"));
    }
}
