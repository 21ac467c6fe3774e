package org.mediarelay.accounting.sink;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One CDR as the journal holds it: the line written, and that line parsed (sinks read fields of it; a sink that stores
 * or sends the record whole uses {@link #line()} as it is).
 */
public record SpooledCdr(String recordId, String line, JsonObject record) {

    public SpooledCdr {
        Objects.requireNonNull(recordId);
        Objects.requireNonNull(line);
        Objects.requireNonNull(record);
    }

    /** Parses a journal line; a line that is not a CDR (no record id) is an {@link IllegalArgumentException}. */
    public static SpooledCdr parse(String line) {
        JsonObject record;
        try {
            record = new JsonObject(line);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        Object id = record.getValue("record_id");
        if (!(id instanceof String s) || s.isEmpty()) {
            throw new IllegalArgumentException("no record_id");
        }
        return new SpooledCdr(s, line, record);
    }
}
