package org.mediarelay.control.launch;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Lowers the scheduling priority (raises the nice value) of the JVM's concurrent GC threads, so that a collection
 * runs in the time the relay's own threads leave free instead of taking turns with them. On a core the control thread
 * also needs, a Shenandoah cycle (about a second at 1000 new calls/s) otherwise made the requests of its seconds wait
 * for the GC thread's time slice (p99 4-5 ms instead of 1-2 ms; BENCHMARKS.md, ng control latency). The JVM has no
 * option for it, so the threads are found by name in {@code /proc/self/task} and lowered with {@code renice} (which
 * lowering a thread of one's own needs no privilege for), at start and then every few seconds for threads the JVM
 * starts later. A moderate value, not 19: under overload a starved collector would stall the relay instead.
 */
final class GcThreadPriority {

    private static final System.Logger LOG = System.getLogger(GcThreadPriority.class.getName());
    /** JVM system property: the nice value for GC threads, 0 to leave them alone. */
    static final String PROPERTY = "mediarelay.gc.nice";
    static final int DEFAULT_NICE = 10;
    /** Thread names (as the kernel keeps them, 15 characters) of collectors' concurrent threads. */
    private static final Pattern GC_THREAD = Pattern.compile(
            "Shenandoah.*|G1 Conc.*|G1 Main Marker|G1 Refine.*|G1 Service|ZWorker.*|ZDriver.*|ZDirector.*");

    private final int nice;
    private final Path tasks;
    private final List<String> renice;
    /**
     * Threads already lowered (or found gone), and threads already found not to be a collector's: each thread's name
     * is read once, not every 10 s (with thousands of calls held, those reads were much of an idle relay's garbage).
     */
    private final Set<String> done = new HashSet<>();
    private boolean failed;

    GcThreadPriority(int nice, Path tasks, List<String> renice) {
        this.nice = nice;
        this.tasks = tasks;
        this.renice = List.copyOf(renice);
    }

    /** Whether a thread of this name is a collector's concurrent thread. */
    static boolean isGcThread(String name) {
        return GC_THREAD.matcher(name).matches();
    }

    /**
     * Lowers this process's GC threads now and then every 10 s on a daemon thread of its own, unless the property
     * says 0 or this is not Linux.
     */
    static void start() {
        int nice = Integer.getInteger(PROPERTY, DEFAULT_NICE);
        Path tasks = Path.of("/proc/self/task");
        if (nice <= 0 || !Files.isDirectory(tasks)) {
            return;
        }
        GcThreadPriority gc = new GcThreadPriority(Math.min(nice, 19), tasks, List.of("renice"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mediarelay-gc-priority");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            if (!gc.lowerNew()) {
                timer.shutdown();
            }
        }, 0, 10, TimeUnit.SECONDS);
    }

    /**
     * Lowers the GC threads not lowered yet. False once {@code renice} failed: then nothing is tried again, and the
     * reason is logged once.
     */
    synchronized boolean lowerNew() {
        if (failed) {
            return false;
        }
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path t : threads) {
                String tid = t.getFileName().toString();
                if (done.contains(tid)) {
                    continue;
                }
                String name = name(t);
                if (isGcThread(name)) {
                    found.add(tid);
                } else if (!name.isEmpty() && !name.equals("java")) {
                    // Not "java": a thread just started may not have its own name yet (it starts with the process's).
                    done.add(tid);
                }
            }
        } catch (IOException e) {
            return fail("cannot list " + tasks + ": " + e.getMessage());
        }
        for (String tid : found) {
            List<String> command = new ArrayList<>(renice);
            command.addAll(List.of("-n", Integer.toString(nice), "-p", tid));
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                // Waited for first, so the bound holds (its one line of output fits the pipe).
                boolean ok = p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
                if (!ok && Files.exists(tasks.resolve(tid))) {
                    p.destroyForcibly();
                    String output = p.isAlive() ? "(no answer in 5 s)"
                            : new String(p.getInputStream().readAllBytes()).trim();
                    return fail(String.join(" ", command) + " failed: " + output);
                }
            } catch (IOException e) {
                return fail("cannot run " + renice.get(0) + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            done.add(tid); // lowered, or ended meanwhile
        }
        if (!found.isEmpty()) {
            LOG.log(Level.DEBUG, () -> "GC threads " + found + " now at nice " + nice);
        }
        return true;
    }

    private static String name(Path thread) {
        try {
            // readAllLines: reading a /proc file whole by its size (0) can stop short.
            List<String> lines = Files.readAllLines(thread.resolve("comm"));
            return lines.isEmpty() ? "" : lines.get(0);
        } catch (IOException e) {
            return ""; // the thread ended meanwhile
        }
    }

    private boolean fail(String why) {
        failed = true;
        LOG.log(Level.WARNING, "GC threads keep their priority: " + why + " (set -D" + PROPERTY + "=0 to not try)");
        return false;
    }
}
