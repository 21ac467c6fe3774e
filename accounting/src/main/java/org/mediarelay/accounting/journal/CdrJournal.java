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
 * Appends CDRs as JSON lines to one file per UTC day ({@code cdr-2026-11-21.jsonl}) and forces each line to disk
 * before {@link #append} returns: a CDR that was acknowledged survives a crash of the process or the machine.
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
        if (jsonLine.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a CDR line cannot contain a line break");
        }
        FileChannel ch = fileFor(LocalDate.ofInstant(when, ZoneOffset.UTC));
        ByteBuffer bytes = ByteBuffer.wrap((jsonLine + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            ch.write(bytes);
        }
        ch.force(false);
    }

    public Path dir() {
        return dir;
    }

    private FileChannel fileFor(LocalDate d) throws IOException {
        if (!d.equals(day)) {
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
