package org.mediarelay.control.metrics;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The process and its JVM, under the names the Prometheus Java client uses (so stock JVM dashboards work): resident
 * memory and open files from {@code /proc/self} (Linux), heap and non-heap memory, collections and their time,
 * threads.
 */
final class ProcessMetrics {

    private ProcessMetrics() {
    }

    static void render(PrometheusText out) {
        residentBytes().ifPresent(rss -> out.gauge("process_resident_memory_bytes", "Resident memory size in bytes.",
                rss));
        openFiles().ifPresent(n -> out.gauge("process_open_fds", "Number of open file descriptors.", n));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            out.gauge("process_max_fds", "Maximum number of open file descriptors.", unix.getMaxFileDescriptorCount());
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        out.family("jvm_memory_bytes_used", "Used bytes of a given JVM memory area.", "gauge", Map.of(
                PrometheusText.labels("area", "heap"), heap.getUsed(),
                PrometheusText.labels("area", "nonheap"), nonHeap.getUsed()));
        out.family("jvm_memory_bytes_committed", "Committed bytes of a given JVM memory area.", "gauge", Map.of(
                PrometheusText.labels("area", "heap"), heap.getCommitted(),
                PrometheusText.labels("area", "nonheap"), nonHeap.getCommitted()));
        out.family("jvm_memory_bytes_max", "Max bytes of a given JVM memory area (-1: no limit).", "gauge", Map.of(
                PrometheusText.labels("area", "heap"), heap.getMax(),
                PrometheusText.labels("area", "nonheap"), nonHeap.getMax()));
        Map<String, Long> count = new TreeMap<>();
        Map<String, Double> seconds = new TreeMap<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String labels = PrometheusText.labels("gc", gc.getName());
            count.put(labels, Math.max(0, gc.getCollectionCount()));
            seconds.put(labels, Math.max(0, gc.getCollectionTime()) / 1000.0);
        }
        out.family("jvm_gc_collection_seconds_count", "Collections (for Shenandoah: pauses and cycles) by collector.",
                "counter", count);
        out.family("jvm_gc_collection_seconds_sum", "Time spent in collections, by collector.", "counter", seconds);
        out.gauge("jvm_threads_current", "Current thread count of the JVM.",
                ManagementFactory.getThreadMXBean().getThreadCount());
    }

    private static OptionalLong residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(1024 * Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or not readable: the series is left out
        }
        return OptionalLong.empty();
    }

    private static OptionalLong openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return OptionalLong.of(fds.count());
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }
}
