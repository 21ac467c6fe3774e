package org.mediarelay.control.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcThreadPriorityTest {

    private static final Path TASKS = Path.of("/proc/self/task");

    @Test
    void the_collectors_concurrent_threads_are_recognised_by_name() {
        for (String gc : List.of("Shenandoah Cont", "Shenandoah GC T", "G1 Conc#0", "G1 Main Marker", "G1 Refine#0",
                "G1 Service", "ZWorker#0", "ZDriver")) {
            assertTrue(GcThreadPriority.isGcThread(gc), gc);
        }
        for (String other : List.of("vert.x-eventloo", "mediarelay-medi", "GC Thread#0", "VM Thread", "C2 CompilerThre")) {
            assertFalse(GcThreadPriority.isGcThread(other), other);
        }
    }

    @Test
    void lowers_this_jvms_gc_threads_to_the_nice_value_asked_and_nothing_else() throws IOException {
        Map<String, Integer> before = niceByThread();
        List<String> gc = before.keySet().stream().filter(t -> GcThreadPriority.isGcThread(name(t))).toList();
        assumeTrue(!gc.isEmpty(), "this JVM's collector has no concurrent threads (Serial or Parallel GC)");

        assertTrue(new GcThreadPriority(3, TASKS, List.of("renice")).lowerNew());

        Map<String, Integer> after = niceByThread();
        for (String t : gc) {
            assertEquals(3, after.get(t), "GC thread " + name(t));
        }
        after.forEach((t, nice) -> {
            if (!gc.contains(t) && before.containsKey(t)) {
                assertEquals(before.get(t), nice, "thread " + name(t) + " is not a GC thread");
            }
        });
    }

    @Test
    void without_renice_it_says_so_once_and_tries_no_more(@TempDir Path tasks) throws IOException {
        Files.createDirectories(tasks.resolve("4242"));
        Files.writeString(tasks.resolve("4242/comm"), "Shenandoah GC T\n");
        GcThreadPriority gc = new GcThreadPriority(10, tasks, List.of(tasks.resolve("no-renice").toString()));
        assertFalse(gc.lowerNew());
        assertFalse(gc.lowerNew());
    }

    @Test
    void each_thread_is_named_once_unless_it_still_has_the_processs_name(@TempDir Path tasks) throws IOException {
        Map<String, String> threads = Map.of("101", "vert.x-eventloo", "102", "java", "103", "Shenandoah GC T");
        for (Map.Entry<String, String> t : threads.entrySet()) {
            Files.createDirectories(tasks.resolve(t.getKey()));
            Files.writeString(tasks.resolve(t.getKey() + "/comm"), t.getValue() + "\n");
        }
        Path log = tasks.resolve("reniced");
        GcThreadPriority gc = new GcThreadPriority(10, tasks, List.of("sh", "-c", "echo \"$4\" >> " + log, "renice"));
        assertTrue(gc.lowerNew());
        assertEquals(List.of("103"), Files.readAllLines(log));
        // Names a thread cannot really take later: they show which names are read again.
        Files.writeString(tasks.resolve("101/comm"), "G1 Conc#0\n");
        Files.writeString(tasks.resolve("102/comm"), "G1 Refine#0\n");
        assertTrue(gc.lowerNew());
        assertEquals(List.of("103", "102"), Files.readAllLines(log), "a thread not yet named is looked at again");
    }

    private static Map<String, Integer> niceByThread() throws IOException {
        try (Stream<Path> threads = Files.list(TASKS)) {
            return threads.collect(Collectors.toMap(t -> t.getFileName().toString(), GcThreadPriorityTest::nice,
                    (a, b) -> a));
        }
    }

    /** Field 19 of proc(5)'s stat, the nice value; fields counted after the command name's closing parenthesis. */
    private static int nice(Path thread) {
        try {
            String stat = Files.readAllLines(thread.resolve("stat")).get(0);
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        } catch (IOException e) {
            return Integer.MIN_VALUE; // ended meanwhile
        }
    }

    private static String name(String tid) {
        try {
            return Files.readAllLines(TASKS.resolve(tid).resolve("comm")).get(0);
        } catch (IOException e) {
            return "";
        }
    }
}
