package org.mediarelay.accounting.journal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the CDR files in order from a {@link JournalPosition}: only complete lines (a line still being written is
 * left for the next read), moving on to the next file once the journal has moved on to it. Blocking, stateless.
 */
public final class JournalReader {

    /** Some complete lines and the position after the last of them. */
    public record Batch(List<String> lines, JournalPosition next) {
        public Batch {
            lines = List.copyOf(lines);
        }

        public boolean isEmpty() {
            return lines.isEmpty();
        }
    }

    private final Path dir;

    public JournalReader(Path dir) {
        this.dir = dir;
    }

    /**
     * Up to {@code maxLines} complete lines (and at most about {@code maxBytes}) after {@code from}. A position in a
     * file that no longer exists (deleted by the operator) moves on to the next file.
     */
    public Batch read(JournalPosition from, int maxLines, int maxBytes) throws IOException {
        List<CdrFiles.Name> files = CdrFiles.list(dir);
        JournalPosition at = from;
        List<String> lines = new ArrayList<>();
        for (CdrFiles.Name name : files) {
            String file = name.fileName();
            if (!at.file().isEmpty() && name.compareTo(CdrFiles.parse(at.file()).orElseThrow()) < 0) {
                continue;
            }
            long offset = file.equals(at.file()) ? at.offset() : 0;
            long end = readLines(dir.resolve(file), offset, lines, maxLines, maxBytes);
            at = new JournalPosition(file, end);
            if (lines.size() >= maxLines || end - offset >= maxBytes) {
                break;
            }
        }
        return new Batch(lines, at);
    }

    /** Bytes of the files after {@code from}: what a reader at that position still has to take. */
    public long bytesAfter(JournalPosition from) throws IOException {
        return ahead(from).stream().mapToLong(Remaining::bytes).sum();
    }

    /**
     * Where a reader at {@code from} must move to have at most {@code maxBytes} left: the start of the oldest file
     * from which on the files hold no more than that (whole files are skipped, never part of one); {@code from} when
     * it is within the bound already, or when only its own file is left.
     */
    public JournalPosition within(JournalPosition from, long maxBytes) throws IOException {
        List<Remaining> ahead = ahead(from);
        long total = ahead.stream().mapToLong(Remaining::bytes).sum();
        int skip = 0;
        while (total > maxBytes && skip < ahead.size() - 1) {
            total -= ahead.get(skip).bytes();
            skip++;
        }
        return skip == 0 ? from : new JournalPosition(ahead.get(skip).name().fileName(), 0);
    }

    /** A file at or after a reader's position, and the bytes of it the reader has still to take. */
    private record Remaining(CdrFiles.Name name, long bytes) {
    }

    /** The files from the reader's on, oldest first. */
    private List<Remaining> ahead(JournalPosition from) throws IOException {
        Optional<CdrFiles.Name> current = from.file().isEmpty() ? Optional.empty() : CdrFiles.parse(from.file());
        List<Remaining> out = new ArrayList<>();
        for (CdrFiles.Name name : CdrFiles.list(dir)) {
            int c = current.map(name::compareTo).orElse(1);
            if (c < 0) {
                continue;
            }
            try {
                long size = Files.size(dir.resolve(name.fileName()));
                out.add(new Remaining(name, Math.max(0, size - (c == 0 ? from.offset() : 0))));
            } catch (NoSuchFileException gone) {
                // deleted while listed
            }
        }
        return out;
    }

    /** Appends complete lines from {@code offset}; returns the offset after the last one taken. */
    private static long readLines(Path file, long offset, List<String> out, int maxLines, int maxBytes)
            throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long available = f.length() - offset;
            int chunk = (int) Math.min(Math.max(available, 0), Math.max(maxBytes, 64 * 1024));
            while (chunk > 0) {
                byte[] bytes = new byte[chunk];
                f.seek(offset);
                f.readFully(bytes);
                int start = 0;
                for (int i = 0; i < bytes.length && out.size() < maxLines && start < maxBytes; i++) {
                    if (bytes[i] == '\n') {
                        out.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                        start = i + 1;
                    }
                }
                if (start > 0 || chunk >= available) {
                    return offset + start;
                }
                // One line longer than the chunk: read more of it.
                chunk = (int) Math.min(available, 2L * chunk);
            }
            return offset;
        } catch (FileNotFoundException gone) {
            return offset;
        }
    }
}
