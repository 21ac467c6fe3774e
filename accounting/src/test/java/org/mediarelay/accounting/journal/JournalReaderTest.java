package org.mediarelay.accounting.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalReaderTest {

    @TempDir
    Path dir;

    private void write(String file, String text) throws Exception {
        Files.writeString(dir.resolve(file), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void only_complete_lines_are_taken_and_a_line_still_being_written_is_left_for_the_next_read() throws Exception {
        write("cdr-2026-11-21.jsonl", "a\nb\nc-being-writ");
        JournalReader reader = new JournalReader(dir);
        JournalReader.Batch first = reader.read(JournalPosition.START, 100, 1 << 20);
        assertEquals(List.of("a", "b"), first.lines());
        assertEquals(new JournalPosition("cdr-2026-11-21.jsonl", 4), first.next());
        write("cdr-2026-11-21.jsonl", "ten\n");
        assertEquals(List.of("c-being-written"), reader.read(first.next(), 100, 1 << 20).lines());
    }

    @Test
    void reading_follows_the_files_in_order_from_a_position_and_stops_at_the_line_limit() throws Exception {
        write("cdr-2026-11-21.jsonl", "a\nb\n");
        write("cdr-2026-11-21.1.jsonl", "c\n");
        write("cdr-2026-11-22.jsonl", "d\ne\n");
        JournalReader reader = new JournalReader(dir);
        JournalReader.Batch batch = reader.read(new JournalPosition("cdr-2026-11-21.jsonl", 2), 3, 1 << 20);
        assertEquals(List.of("b", "c", "d"), batch.lines());
        assertEquals(new JournalPosition("cdr-2026-11-22.jsonl", 2), batch.next());
        assertEquals(2, reader.bytesAfter(batch.next()));
        assertEquals(List.of("e"), reader.read(batch.next(), 3, 1 << 20).lines());
    }

    @Test
    void a_partial_line_left_in_a_file_the_journal_moved_on_from_is_skipped() throws Exception {
        write("cdr-2026-11-21.jsonl", "a\ntorn-by-a-cra");
        write("cdr-2026-11-22.jsonl", "b\n");
        assertEquals(List.of("a", "b"), new JournalReader(dir).read(JournalPosition.START, 10, 1 << 20).lines());
    }

    @Test
    void a_position_in_a_file_deleted_since_moves_on_to_the_next_file() throws Exception {
        write("cdr-2026-11-22.jsonl", "b\n");
        JournalReader.Batch batch = new JournalReader(dir)
                .read(new JournalPosition("cdr-2026-11-21.jsonl", 500), 10, 1 << 20);
        assertEquals(List.of("b"), batch.lines());
    }

    @Test
    void a_line_longer_than_the_byte_limit_is_still_read_whole() throws Exception {
        String longLine = "x".repeat(200_000);
        write("cdr-2026-11-21.jsonl", longLine + "\nshort\n");
        JournalReader.Batch batch = new JournalReader(dir).read(JournalPosition.START, 10, 1000);
        assertEquals(List.of(longLine), batch.lines());
        assertEquals(List.of("short"), new JournalReader(dir).read(batch.next(), 10, 1000).lines());
    }

    @Test
    void keeping_within_a_bound_skips_the_oldest_whole_files_but_never_the_newest() throws Exception {
        write("cdr-2026-11-21.jsonl", "aaaa\nbbbb\n");
        write("cdr-2026-11-21.1.jsonl", "cccc\n");
        write("cdr-2026-11-22.jsonl", "dddddddddd\n");
        JournalReader reader = new JournalReader(dir);
        JournalPosition from = new JournalPosition("cdr-2026-11-21.jsonl", 5);
        assertEquals(from, reader.within(from, 100), "within the bound already");
        assertEquals(new JournalPosition("cdr-2026-11-21.1.jsonl", 0), reader.within(from, 16));
        assertEquals(new JournalPosition("cdr-2026-11-22.jsonl", 0), reader.within(from, 11));
        assertEquals(new JournalPosition("cdr-2026-11-22.jsonl", 0), reader.within(from, 1), "the newest stays");
    }

    @Test
    void a_position_reads_back_from_its_text_form() {
        JournalPosition p = new JournalPosition("cdr-2026-11-21.3.jsonl", 12345);
        assertEquals(p, JournalPosition.parse(p.toString()));
        assertEquals(JournalPosition.START, JournalPosition.parse(JournalPosition.START.toString()));
    }
}
