package org.mediarelay.accounting.journal;

import java.util.Objects;

/**
 * A place in the CDR files: the byte just after the last line a reader has taken. {@link #START} is before every
 * file.
 *
 * @param file   the CDR file's name, or empty for {@link #START}
 * @param offset bytes of that file already taken
 */
public record JournalPosition(String file, long offset) {

    public static final JournalPosition START = new JournalPosition("", 0);

    public JournalPosition {
        Objects.requireNonNull(file);
        if (offset < 0 || (file.isEmpty() && offset != 0)) {
            throw new IllegalArgumentException("bad journal position " + file + ":" + offset);
        }
        if (!file.isEmpty() && CdrFiles.parse(file).isEmpty()) {
            throw new IllegalArgumentException("not a CDR file name: " + file);
        }
    }

    /** The text form kept in cursor files: {@code cdr-2026-11-21.jsonl:1234}. */
    @Override
    public String toString() {
        return file + ":" + offset;
    }

    public static JournalPosition parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected FILE:OFFSET, got '" + text + "'");
        }
        try {
            return new JournalPosition(text.substring(0, colon), Long.parseLong(text.substring(colon + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected FILE:OFFSET, got '" + text + "'", e);
        }
    }
}
