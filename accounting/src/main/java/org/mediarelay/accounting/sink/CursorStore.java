package org.mediarelay.accounting.sink;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.mediarelay.accounting.journal.JournalPosition;

/**
 * Where each sink has got to in the journal, one small file per sink ({@code data.dir/cdr-cursors/postgres}), replaced
 * atomically (written aside, synced, renamed) so that a crash leaves the old position or the new one, never a torn
 * one. Blocking.
 */
public final class CursorStore {

    private final Path dir;

    public CursorStore(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** The sink's position; {@link JournalPosition#START} for a sink that never delivered anything. */
    public JournalPosition load(String sink) throws IOException {
        try {
            return JournalPosition.parse(Files.readString(dir.resolve(sink), StandardCharsets.UTF_8).trim());
        } catch (NoSuchFileException e) {
            return JournalPosition.START;
        } catch (IllegalArgumentException e) {
            throw new IOException("cursor file " + dir.resolve(sink) + " is damaged: " + e.getMessage(), e);
        }
    }

    public void save(String sink, JournalPosition position) throws IOException {
        Path tmp = dir.resolve(sink + ".tmp");
        Files.writeString(tmp, position + "\n", StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(false);
        }
        try {
            Files.move(tmp, dir.resolve(sink), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(sink), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
