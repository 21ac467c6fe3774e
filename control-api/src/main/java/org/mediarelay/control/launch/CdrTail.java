package org.mediarelay.control.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.mediarelay.accounting.journal.CdrFiles;

/**
 * {@code mediarelay cdr tail}: prints CDRs, one JSON line each, as they are written to {@code data.dir/cdr/}, moving
 * on to the next file (the next day's, or the next part of the day's) when it appears. Starts at the end of the newest file ({@code --from-start}: at its
 * beginning). Runs until interrupted (Ctrl-C).
 */
final class CdrTail {

    /** How often the file is looked at for new lines. */
    static final long POLL_MILLIS = 200;

    private final Path dir;
    private final PrintStream out;

    CdrTail(Path dir, PrintStream out) {
        this.dir = dir;
        this.out = out;
    }

    /** Follows the CDR files until the thread is interrupted. */
    void follow(boolean fromStart) throws IOException, InterruptedException {
        follow(fromStart, () -> { });
    }

    /** The same; {@code positioned} runs once the starting point is fixed (lines written after it are printed). */
    void follow(boolean fromStart, Runnable positioned) throws IOException, InterruptedException {
        Optional<Path> current = newest();
        long offset = fromStart || current.isEmpty() ? 0 : Files.size(current.get());
        positioned.run();
        StringBuilder partial = new StringBuilder();
        while (!Thread.currentThread().isInterrupted()) {
            if (current.isPresent()) {
                offset = print(current.get(), offset, partial);
            }
            Optional<Path> newest = newest();
            if (newest.isPresent() && !newest.equals(current)) {
                if (current.isPresent()) {
                    print(current.get(), offset, partial);
                }
                current = newest;
                offset = 0;
                partial.setLength(0);
                continue;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Prints the complete lines after {@code offset}; returns the new offset. */
    private long print(Path file, long offset, StringBuilder partial) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            if (length <= offset) {
                return offset;
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, Integer.MAX_VALUE)];
            f.seek(offset);
            f.readFully(bytes);
            partial.append(new String(bytes, StandardCharsets.UTF_8));
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                out.println(partial.substring(0, nl));
                partial.delete(0, nl + 1);
            }
            out.flush();
            return offset + bytes.length;
        }
    }

    /** The newest CDR file (by day, then part of the day). */
    private Optional<Path> newest() throws IOException {
        return CdrFiles.newest(dir).map(n -> dir.resolve(n.fileName()));
    }
}
