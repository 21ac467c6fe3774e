package org.mediarelay.node.kernel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel path's table in the real kernel (this needs root and nf_tables, as CI has): routes in and out in
 * numbers, with nothing left behind. No packet is sent; the routes name loopback addresses of this test only.
 */
class KernelForwarderTest {

    private KernelForwarder forwarder;
    private String nodeId;

    @BeforeEach
    void open() {
        nodeId = "kernel-test-" + UUID.randomUUID().toString().substring(0, 8);
        KernelStart start = KernelStart.open(KernelMode.ON, nodeId);
        forwarder = ((KernelStart.Kernel) start).forwarder();
    }

    @AfterEach
    void close() throws Exception {
        forwarder.close();
        assertTrue(tables().stream().noneMatch(t -> t.endsWith("-" + nodeId)), "the table went with the node");
    }

    @Test
    void a_thousand_streams_installed_and_removed_leave_the_table_empty() throws Exception {
        int streams = 1000;
        Recorder recorder = new Recorder();
        List<KernelPath.Installation> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            all.add(forwarder.install(directions(i), Runnable::run, recorder));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> recorder.installed.get() == streams);
        long installed = System.nanoTime();
        assertEquals(0, recorder.refused.get());
        assertEquals(2 * streams, counters(), "a count per route");
        assertEquals(streams, forwarder.totals().streams());
        List<CompletableFuture<KernelPath.Totals>> removed = new ArrayList<>();
        for (KernelPath.Installation i : all) {
            removed.add(forwarder.remove(i).toCompletableFuture());
        }
        CompletableFuture.allOf(removed.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
        long gone = System.nanoTime();
        assertEquals(0, counters(), "no count left");
        assertEquals(0, forwarder.totals().streams());
        for (String map : List.of("route_of", "to_addr", "to_port", "from_port", "from_addr")) {
            assertTrue(!nft("list", "map", "ip", table(), map).contains("elements"), map + " is empty");
        }
        System.out.printf("kernel routes: %d streams installed in %.0f ms (%.0f/s), removed in %.0f ms (%.0f/s)%n",
                streams, (installed - start) / 1e6, streams / ((installed - start) / 1e9), (gone - installed) / 1e6,
                streams / ((gone - installed) / 1e9));
    }

    @Test
    void routes_the_kernel_refuses_are_reported_and_the_others_go_in() throws Exception {
        Recorder recorder = new Recorder();
        forwarder.install(directions(1), Runnable::run, recorder);
        // The same endpoints again: the kernel refuses a second route for one source and relay port.
        forwarder.install(directions(1), Runnable::run, recorder);
        forwarder.install(directions(2), Runnable::run, recorder);
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.installed.get() + recorder.refused.get() == 3);
        assertEquals(2, recorder.installed.get());
        assertEquals(1, recorder.refused.get());
        assertEquals(4, counters());
    }

    @Test
    void a_removal_asked_before_the_install_ran_leaves_nothing_and_counts_nothing() throws Exception {
        Recorder recorder = new Recorder();
        KernelPath.Installation i = forwarder.install(directions(3), Runnable::run, recorder);
        KernelPath.Totals totals = forwarder.remove(i).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(0, totals.packets()[0] + totals.packets()[1]);
        assertEquals(0, counters());
    }

    /** Stream {@code i}'s two directions between two loopback parties, on relay ports of its own. */
    private static List<KernelPath.Direction> directions(int i) {
        InetSocketAddress a = new InetSocketAddress("127.0.0.2", 10000 + i);
        InetSocketAddress b = new InetSocketAddress("127.0.0.3", 10000 + i);
        InetSocketAddress relayA = new InetSocketAddress("127.0.0.1", 40000 + 2 * (i % 10000));
        InetSocketAddress relayB = new InetSocketAddress("127.0.0.1", 40001 + 2 * (i % 10000));
        return List.of(new KernelPath.Direction(a, relayA, relayB, b), new KernelPath.Direction(b, relayB, relayA, a));
    }

    /** The elements of the table's {@code counted} set: one per route. */
    private int counters() throws IOException, InterruptedException {
        return KernelTable.counted(nft("list", "set", "ip", table(), "counted")).size();
    }

    private String table() throws IOException, InterruptedException {
        return tables().stream().filter(t -> t.endsWith("-" + nodeId)).findFirst().orElseThrow();
    }

    private static List<String> tables() throws IOException, InterruptedException {
        return nft("list", "tables", "ip").lines().map(l -> l.replace("table ip ", "").strip()).toList();
    }

    private static String nft(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("nft"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, command + ": " + out);
        return out;
    }

    private static final class Recorder implements KernelPath.Listener {
        final AtomicInteger installed = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final Map<KernelPath.Installation, long[]> counts = new ConcurrentHashMap<>();

        @Override
        public void installed(KernelPath.Installation installation, long delayNanos) {
            installed.incrementAndGet();
        }

        @Override
        public void refused(KernelPath.Installation installation, String reason) {
            refused.incrementAndGet();
        }

        @Override
        public void counted(KernelPath.Installation installation, long[] packets, long[] bytes) {
            counts.put(installation, packets);
        }
    }
}
