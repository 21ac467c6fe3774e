package org.mediarelay.accounting.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdrJournalTest {

    @TempDir
    Path dir;

    @Test
    void lines_go_to_the_file_of_their_utc_day_and_a_late_one_to_the_newest_file_never_back() throws Exception {
        try (CdrJournal j = new CdrJournal(dir.resolve("cdr"))) {
            j.append("{\"n\":1}", Instant.parse("2026-11-21T23:59:59Z"));
            j.append("{\"n\":2}", Instant.parse("2026-11-22T00:00:00Z"));
            j.append("{\"n\":3}", Instant.parse("2026-11-21T12:00:00Z"));
        }
        assertEquals(List.of("{\"n\":1}"),
                Files.readAllLines(dir.resolve("cdr").resolve(CdrJournal.fileName(LocalDate.of(2026, 11, 21)))));
        assertEquals(List.of("{\"n\":2}", "{\"n\":3}"),
                Files.readAllLines(dir.resolve("cdr").resolve("cdr-2026-11-22.jsonl")));
    }

    @Test
    void past_the_size_limit_the_day_continues_in_numbered_parts_and_a_reopened_journal_continues_the_last()
            throws Exception {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        try (CdrJournal j = new CdrJournal(dir, 10)) {
            j.append("aaaa", t);
            j.append("bbbb", t);
            j.append("cccc", t);
        }
        try (CdrJournal j = new CdrJournal(dir, 10)) {
            j.append("d", t);
        }
        assertEquals("aaaa\nbbbb\n", Files.readString(dir.resolve("cdr-2026-11-21.jsonl")));
        assertEquals("cccc\nd\n", Files.readString(dir.resolve("cdr-2026-11-21.1.jsonl")));
        assertEquals(List.of("cdr-2026-11-21.jsonl", "cdr-2026-11-21.1.jsonl"),
                CdrFiles.list(dir).stream().map(CdrFiles.Name::fileName).toList());
    }

    @Test
    void a_partial_last_line_left_by_a_crash_is_cut_off_before_the_next_line_is_appended() throws Exception {
        Files.writeString(dir.resolve("cdr-2026-11-21.jsonl"), "{\"n\":1}\n{\"n\":2,\"cut");
        try (CdrJournal j = new CdrJournal(dir)) {
            j.append("{\"n\":3}", Instant.parse("2026-11-21T10:00:00Z"));
        }
        assertEquals(List.of("{\"n\":1}", "{\"n\":3}"), Files.readAllLines(dir.resolve("cdr-2026-11-21.jsonl")));
    }

    @Test
    void a_reopened_journal_appends_after_what_is_there() throws Exception {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        try (CdrJournal j = new CdrJournal(dir)) {
            j.append("a", t);
        }
        try (CdrJournal j = new CdrJournal(dir)) {
            j.append("b\u00e9", t);
        }
        assertEquals("a\nb\u00e9\n", Files.readString(dir.resolve("cdr-2026-11-21.jsonl"), StandardCharsets.UTF_8));
    }

    @Test
    void a_line_with_a_line_break_is_refused_before_anything_is_written() throws Exception {
        try (CdrJournal j = new CdrJournal(dir)) {
            assertThrows(IllegalArgumentException.class, () -> j.append("a\nb", Instant.EPOCH));
        }
        assertEquals(List.of(), Files.list(dir).toList());
    }
}
