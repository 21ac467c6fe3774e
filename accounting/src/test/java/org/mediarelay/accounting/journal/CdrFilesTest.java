package org.mediarelay.accounting.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdrFilesTest {

    @TempDir
    Path dir;

    @Test
    void files_are_listed_by_day_then_part_whatever_their_names_sort_like_and_other_files_are_ignored()
            throws Exception {
        for (String name : List.of("cdr-2026-11-21.10.jsonl", "cdr-2026-11-22.jsonl", "cdr-2026-11-21.2.jsonl",
                "cdr-2026-11-21.jsonl", "notes.txt", "cdr-2026-11-21.jsonl.tmp", "cdr-2026-13-01.jsonl")) {
            Files.writeString(dir.resolve(name), "");
        }
        assertEquals(List.of("cdr-2026-11-21.jsonl", "cdr-2026-11-21.2.jsonl", "cdr-2026-11-21.10.jsonl",
                "cdr-2026-11-22.jsonl"), CdrFiles.list(dir).stream().map(CdrFiles.Name::fileName).toList());
    }

    @Test
    void a_name_reads_back_as_the_day_and_part_it_was_made_from() {
        CdrFiles.Name third = new CdrFiles.Name(LocalDate.of(2026, 1, 2), 0).next().next();
        assertEquals("cdr-2026-01-02.2.jsonl", third.fileName());
        assertEquals(Optional.of(third), CdrFiles.parse(third.fileName()));
    }

    @Test
    void a_missing_directory_has_no_files() throws Exception {
        assertEquals(List.of(), CdrFiles.list(dir.resolve("absent")));
    }
}
