package org.mediarelay.control.launch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdrTailTest {

    @TempDir
    Path dir;

    private static void append(Path file, String line) throws Exception {
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Test
    void new_cdrs_are_printed_as_written_and_the_next_days_file_and_the_next_part_of_a_day_are_followed() throws Exception {
        Path today = dir.resolve("cdr-2026-11-21.jsonl");
        append(today, "{\"call_id\":\"old\"}");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CountDownLatch positioned = new CountDownLatch(1);
        Thread tail = new Thread(() -> {
            try {
                new CdrTail(dir, out).follow(false, positioned::countDown);
            } catch (Exception e) {
                out.println("failed: " + e);
            }
        });
        tail.start();
        try {
            assertEquals(true, positioned.await(5, TimeUnit.SECONDS));
            append(today, "{\"call_id\":\"a\"}");
            Files.writeString(today, "{\"call_id\":", StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(5)).until(() -> bytes.toString(StandardCharsets.UTF_8).contains("\"a\""));
            Files.writeString(today, "\"b\"}\n", StandardOpenOption.APPEND);
            append(dir.resolve("cdr-2026-11-22.jsonl"), "{\"call_id\":\"c\"}");
            await().atMost(Duration.ofSeconds(5)).until(() -> bytes.toString(StandardCharsets.UTF_8).contains("\"c\""));
            append(dir.resolve("cdr-2026-11-22.1.jsonl"), "{\"call_id\":\"d\"}");
            await().atMost(Duration.ofSeconds(5)).until(() -> bytes.toString(StandardCharsets.UTF_8).contains("\"d\""));
            assertEquals(List.of("{\"call_id\":\"a\"}", "{\"call_id\":\"b\"}", "{\"call_id\":\"c\"}",
                            "{\"call_id\":\"d\"}"),
                    bytes.toString(StandardCharsets.UTF_8).lines().toList(),
                    "only what came after the start, whole lines, in order, across days");
        } finally {
            tail.interrupt();
            tail.join(5000);
        }
    }
}
