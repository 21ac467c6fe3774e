package org.mediarelay.node.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * This JVM's open file descriptors, and a lower open-file limit for a while (util-linux {@code prlimit} on the JVM's
 * own process: lowering the soft limit needs no privilege). Linux only.
 */
public final class OpenFiles {

    private static final Path FDS = Path.of("/proc/self/fd");

    private OpenFiles() {
    }

    public static int count() throws IOException {
        return numbers().size();
    }

    /**
     * This JVM's open sockets. Counting only sockets keeps a leak check honest while the JVM opens other files of its
     * own (a jar, a pipe to a child process) at any moment.
     */
    public static int sockets() throws IOException {
        int sockets = 0;
        for (int fd : numbers()) {
            try {
                if (Files.readSymbolicLink(FDS.resolve(Integer.toString(fd))).toString().startsWith("socket:")) {
                    sockets++;
                }
            } catch (IOException closedMeanwhile) {
                // a descriptor closed since it was listed is not open
            }
        }
        return sockets;
    }

    private static Set<Integer> numbers() throws IOException {
        Set<Integer> open = new TreeSet<>();
        try (Stream<Path> fds = Files.list(FDS)) {
            fds.forEach(p -> open.add(Integer.parseInt(p.getFileName().toString())));
        }
        return open;
    }

    /**
     * Lowers the soft limit so that exactly {@code spare} more descriptors can be opened (the lowest free numbers are
     * used first); closing the result restores the limit it found. The restoring process is started first, as none can
     * be started once the descriptors are used up.
     */
    public static Limit limitTo(int spare) throws IOException, InterruptedException {
        String before = prlimit("--noheadings", "--output=SOFT", "--nofile").trim();
        Process restorer = new ProcessBuilder("sh", "-c", "read go; exec prlimit --pid " + ProcessHandle.current().pid()
                + " --nofile=" + before + ":").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<Integer> open = numbers();
        int limit = 0;
        for (int free = 0; free < spare; limit++) {
            if (!open.contains(limit)) {
                free++;
            }
        }
        Limit lowered = new Limit(restorer);
        try {
            prlimit("--nofile=" + limit + ":");
        } catch (IOException | RuntimeException e) {
            lowered.close();
            throw e;
        }
        return lowered;
    }

    private static String prlimit(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 3];
        command[0] = "prlimit";
        command[1] = "--pid";
        command[2] = Long.toString(ProcessHandle.current().pid());
        System.arraycopy(args, 0, command, 3, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Every pipe to the child closed: the descriptors counted afterwards are the test's own.
        try (var in = p.getInputStream(); var out = p.getOutputStream(); var err = p.getErrorStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("prlimit " + String.join(" ", args) + " failed: " + text);
            }
            return text;
        }
    }

    /** A lowered limit; closing it has the waiting process put the earlier soft limit back. */
    public static final class Limit implements AutoCloseable {
        private final Process restorer;

        private Limit(Process restorer) {
            this.restorer = restorer;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            restorer.getOutputStream().close();
            if (!restorer.waitFor(10, TimeUnit.SECONDS) || restorer.exitValue() != 0) {
                restorer.destroyForcibly();
                throw new IOException("the open-file limit was not restored");
            }
        }
    }
}
