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
import java.util.Optional;

/**
 * Appends CDRs as JSON lines to the CDR files ({@link CdrFiles}): one file per UTC day, and a further part of the day
 * whenever a file would grow past its size limit. {@link #append} forces its line to disk before it returns;
 * {@link #write} does not, and one {@link #sync} then forces every line written before it (group commit: many CDRs,
 * one fsync). A CDR acknowledged after its sync survives a crash of the process or the machine.
 *
 * <p>Files are only ever appended to in name order: a line for an earlier day than the newest file's (a clock set
 * back, a record ending just before midnight) goes to the newest file, so a reader that follows the files in order
 * (a sink's cursor) never misses one. A file that ends in a partial line (the process died mid-write; that CDR was
 * never acknowledged) is cut back to its last complete line before anything is appended to it.
 *
 * <p>A write or sync that fails (a full disk, an I/O error) leaves nothing half-done behind once {@link #rollBack} ran:
 * the current file is cut back to what its last successful sync made durable, so lines that are retried later are
 * not written twice. {@link #durableLines} counts the lines made durable since the journal was opened, including
 * those synced when a file was let go in the middle of a batch.
 *
 * <p>Blocking; not thread-safe. Callers run it on one worker thread.
 */
public final class CdrJournal implements AutoCloseable {

    /** Files rotate by day only, unless a size limit is given. */
    public static final long NO_SIZE_LIMIT = Long.MAX_VALUE;

    private final Path dir;
    private final long maxFileBytes;
    private CdrFiles.Name current;
    private FileChannel file;
    private long size;
    /** How long the current file is on disk: its length at its last successful sync. */
    private long syncedSize;
    private long linesWritten;
    private long linesDurable;

    public CdrJournal(Path dir) throws IOException {
        this(dir, NO_SIZE_LIMIT);
    }

    public CdrJournal(Path dir, long maxFileBytes) throws IOException {
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("the file size limit must be positive");
        }
        this.dir = Files.createDirectories(dir);
        this.maxFileBytes = maxFileBytes;
    }

    public static String fileName(LocalDate day) {
        return new CdrFiles.Name(day, 0).fileName();
    }

    /** Appends one line (which must not contain a line break) and syncs it. */
    public void append(String jsonLine, Instant when) throws IOException {
        write(jsonLine, when);
        sync();
    }

    /** Appends one line to the file for {@code when} without forcing it to disk: {@link #sync} does that. */
    public void write(String jsonLine, Instant when) throws IOException {
        if (jsonLine.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a CDR line cannot contain a line break");
        }
        ByteBuffer bytes = ByteBuffer.wrap((jsonLine + "\n").getBytes(StandardCharsets.UTF_8));
        FileChannel ch = fileFor(LocalDate.ofInstant(when, ZoneOffset.UTC), bytes.remaining());
        while (bytes.hasRemaining()) {
            size += ch.write(bytes);
        }
        linesWritten++;
    }

    /** Forces every line written so far to disk. */
    public void sync() throws IOException {
        if (file != null) {
            file.force(false);
            syncedSize = size;
        }
        linesDurable = linesWritten;
    }

    /** Lines made durable since this journal was opened. */
    public long durableLines() {
        return linesDurable;
    }

    /**
     * After a failed {@link #write} or {@link #sync}: cuts the current file back to what its last sync made durable
     * (a partial line, and whole lines whose sync failed: after a failed fsync the kernel may have dropped them) and
     * closes it, so the next write reopens it. Lines not durable are to be written again.
     */
    public void rollBack() throws IOException {
        linesWritten = linesDurable;
        if (file == null) {
            return;
        }
        try {
            file.truncate(syncedSize);
            file.force(false);
        } finally {
            close();
        }
    }

    public Path dir() {
        return dir;
    }

    private FileChannel fileFor(LocalDate day, int lineBytes) throws IOException {
        if (current == null) {
            Optional<CdrFiles.Name> newest = CdrFiles.newest(dir);
            open(newest.filter(n -> !n.day().isBefore(day)).orElse(new CdrFiles.Name(day, 0)));
        }
        if (day.isAfter(current.day())) {
            open(new CdrFiles.Name(day, 0));
        } else if (size > 0 && size + lineBytes > maxFileBytes) {
            open(current.next());
        }
        return file;
    }

    private void open(CdrFiles.Name name) throws IOException {
        // Lines of the previous file not yet synced must be on disk before it is let go.
        sync();
        close();
        FileChannel ch = FileChannel.open(dir.resolve(name.fileName()),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long complete = completeLength(ch);
        if (complete < ch.size()) {
            ch.truncate(complete);
            ch.force(false);
        }
        ch.position(complete);
        file = ch;
        current = name;
        size = complete;
        syncedSize = complete;
    }

    /** The length of the file up to and including its last line break. */
    private static long completeLength(FileChannel ch) throws IOException {
        long end = ch.size();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (end > 0) {
            one.clear();
            ch.read(one, end - 1);
            if (one.get(0) == '\n') {
                return end;
            }
            end--;
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
            file = null;
            current = null;
        }
    }
}
