package org.mediarelay.accounting.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Appends CDRs as JSON lines to one file per UTC day ({@code cdr-2026-11-21.jsonl}). {@link #append} forces its line
 * to disk before it returns; {@link #write} does not, and one {@link #sync} then forces every line written before it
 * (group commit: many CDRs, one fsync). A CDR acknowledged after its sync survives a crash of the process or the
 * machine.
 *
 * <p>Blocking; not thread-safe. Callers run it on one worker thread.
 */
public final class CdrJournal implements AutoCloseable {

    private final Path dir;
    private LocalDate day;
    private FileChannel file;

    public CdrJournal(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    public static String fileName(LocalDate day) {
        return "cdr-" + day + ".jsonl";
    }

    /** Appends one line (which must not contain a line break) to the file of {@code when}'s day, and syncs it. */
    public void append(String jsonLine, Instant when) throws IOException {
        write(jsonLine, when);
        sync();
    }

    /** Appends one line to the file of {@code when}'s day without forcing it to disk: {@link #sync} does that. */
    public void write(String jsonLine, Instant when) throws IOException {
        if (jsonLine.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a CDR line cannot contain a line break");
        }
        FileChannel ch = fileFor(LocalDate.ofInstant(when, ZoneOffset.UTC));
        ByteBuffer bytes = ByteBuffer.wrap((jsonLine + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            ch.write(bytes);
        }
    }

    /** Forces every line written so far to disk. */
    public void sync() throws IOException {
        if (file != null) {
            file.force(false);
        }
    }

    public Path dir() {
        return dir;
    }

    private FileChannel fileFor(LocalDate d) throws IOException {
        if (!d.equals(day)) {
            // Lines of the previous day not yet synced must be on disk before its file is let go.
            sync();
            close();
            file = FileChannel.open(dir.resolve(fileName(d)),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            day = d;
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
            file = null;
            day = null;
        }
    }
}
