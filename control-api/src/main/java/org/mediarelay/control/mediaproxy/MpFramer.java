package org.mediarelay.control.mediaproxy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts a MediaProxy connection's bytes into requests: each ends with an empty line (CRLF CRLF; LF LF is taken too).
 * The one-line management commands end with their line. More than {@link #MAX_REQUEST} bytes without an end breaks
 * the connection: OpenSIPS never sends that much.
 */
final class MpFramer {

    /** OpenSIPS keeps requests under 8192 bytes. */
    static final int MAX_REQUEST = 8192;
    private static final Set<String> ONE_LINE = Set.of("summary", "sessions", "version");

    private final StringBuilder buf = new StringBuilder();
    private boolean broken;

    /** @param requests complete requests, without their terminating empty line */
    record Result(List<String> requests, boolean broken) {
    }

    Result feed(byte[] chunk) {
        if (broken) {
            return new Result(List.of(), true);
        }
        // ISO-8859-1: one char per byte, so lengths are byte counts and nothing fails to decode.
        buf.append(new String(chunk, StandardCharsets.ISO_8859_1));
        List<String> out = new ArrayList<>();
        while (true) {
            int lineEnd = buf.indexOf("\n");
            if (lineEnd >= 0 && ONE_LINE.contains(buf.substring(0, lineEnd).trim().toLowerCase(Locale.ROOT))) {
                out.add(buf.substring(0, lineEnd).trim());
                buf.delete(0, lineEnd + 1);
                continue;
            }
            int end = endOfRequest();
            if (end < 0) {
                break;
            }
            String request = buf.substring(0, end).strip();
            buf.delete(0, end);
            if (!request.isEmpty()) {
                out.add(request);
            }
        }
        if (buf.length() > MAX_REQUEST) {
            broken = true;
        }
        return new Result(out, broken);
    }

    /** Where the first request ends, after its empty line; -1 if it has not ended yet. */
    private int endOfRequest() {
        int crlf = buf.indexOf("\r\n\r\n");
        int lf = buf.indexOf("\n\n");
        if (crlf < 0 && lf < 0) {
            return -1;
        }
        if (crlf >= 0 && (lf < 0 || crlf < lf)) {
            return crlf + 4;
        }
        return lf + 2;
    }
}
