package org.mediarelay.accounting.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.accounting.journal.JournalPosition;

class CursorStoreTest {

    @TempDir
    Path dir;

    @Test
    void a_sink_that_never_delivered_starts_at_the_beginning_of_the_journal() throws Exception {
        assertEquals(JournalPosition.START, new CursorStore(dir).load("postgres"));
    }

    @Test
    void a_saved_position_is_what_a_new_store_loads_and_each_sink_has_its_own() throws Exception {
        new CursorStore(dir).save("postgres", new JournalPosition("cdr-2026-11-21.jsonl", 10));
        new CursorStore(dir).save("postgres", new JournalPosition("cdr-2026-11-21.1.jsonl", 20));
        new CursorStore(dir).save("webhook", new JournalPosition("cdr-2026-11-21.jsonl", 5));
        assertEquals(new JournalPosition("cdr-2026-11-21.1.jsonl", 20), new CursorStore(dir).load("postgres"));
        assertEquals(new JournalPosition("cdr-2026-11-21.jsonl", 5), new CursorStore(dir).load("webhook"));
        assertEquals(2, Files.list(dir).count(), "no temporary file left behind");
    }

    @Test
    void a_damaged_cursor_file_is_an_error_naming_the_file_not_a_silent_restart_from_the_beginning()
            throws Exception {
        Files.writeString(dir.resolve("postgres"), "garbage");
        IOException e = assertThrows(IOException.class, () -> new CursorStore(dir).load("postgres"));
        assertEquals(true, e.getMessage().contains(dir.resolve("postgres").toString()), e.getMessage());
    }
}
