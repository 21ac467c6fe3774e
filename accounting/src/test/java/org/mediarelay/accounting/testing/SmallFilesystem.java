package org.mediarelay.accounting.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real filesystem of a few hundred kB of the test's own (tmpfs with a size limit, mounted on a directory of the
 * test's), that the test can fill to the last byte and free again: a full disk without filling the machine's. Needs
 * root (the project's test command runs as root; mounting is refused otherwise, with that said).
 */
public final class SmallFilesystem implements AutoCloseable {

    private final Path mountPoint;
    private final Path filler;

    private SmallFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler");
    }

    /** Mounts a tmpfs of {@code kilobytes} on {@code mountPoint} (created when missing). */
    public static SmallFilesystem mount(Path mountPoint, int kilobytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        run(List.of("mount", "-t", "tmpfs", "-o", "size=" + kilobytes + "k,mode=0755", "mediarelay-test",
                mountPoint.toString()));
        return new SmallFilesystem(mountPoint);
    }

    public Path root() {
        return mountPoint;
    }

    /** Writes a file of its own until the filesystem has no byte left. */
    public void fill() throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left on device")) {
                throw full;
            }
        }
    }

    /** Deletes what {@link #fill} wrote: the space is free again. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("umount", "-l", mountPoint.toString()));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (these tests need root, as the project's "
                    + "test command runs them): " + out.strip());
        }
    }
}
