package org.mediarelay.node.kernel;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mediarelay.node.api.KernelTotals;

/**
 * The node's kernel path: its own nftables table, and one thread (the table's only writer) that puts streams' routes
 * in and takes them out, off the offer/answer path and the media loops. Requests queue; each turn of the thread
 * applies all that queued as one transaction (a batch the kernel refuses is retried route set by route set, so that
 * one bad stream costs only itself), and every {@link #POLL_MILLIS} it reads every route's count once and tells the
 * streams whose routes forwarded something.
 */
public final class KernelForwarder implements KernelPath, AutoCloseable {

    /** How often counters are read: well within the latch's rebinding silence (2 s by default). */
    public static final long POLL_MILLIS = 500;

    private static final System.Logger LOG = System.getLogger(KernelForwarder.class.getName());

    private final Nftables nft;
    private final KernelTable table;
    private final Set<InetAddress> local;
    private final boolean forwarding;
    private final BlockingQueue<Runnable> requests = new LinkedBlockingQueue<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closing;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** The thread's own: installed routes by id. */
    private final Map<Integer, Entry.Slot> byId = new HashMap<>();
    private final List<Entry> pendingInstalls = new ArrayList<>();
    private final List<Entry> pendingRemovals = new ArrayList<>();
    private final AtomicInteger streams = new AtomicInteger();
    private final AtomicLong installs = new AtomicLong();
    private final AtomicLong removals = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicLong delayNanos = new AtomicLong();
    private final AtomicLong maxDelayNanos = new AtomicLong();

    KernelForwarder(Nftables nft, KernelTable table, Set<InetAddress> local, boolean forwarding) {
        this.nft = nft;
        this.table = table;
        this.local = Set.copyOf(local);
        this.forwarding = forwarding;
        this.thread = new Thread(this::run, "mediarelay-kernel");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The table's name as nft shows it. */
    public String table() {
        return table.name();
    }

    public boolean forwarding() {
        return forwarding;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public boolean reaches(InetAddress destination) {
        return forwarding || destination.isLoopbackAddress() || local.contains(destination);
    }

    @Override
    public Installation install(List<Direction> directions, Executor executor, Listener listener) {
        List<KernelRoute> routes = new ArrayList<>(directions.size());
        for (Direction d : directions) {
            routes.add(new KernelRoute(newId(), d.source(), d.relayIn(), d.relayOut(), d.destination()));
        }
        Entry e = new Entry(List.copyOf(routes), executor, listener, System.nanoTime());
        submit(() -> pendingInstalls.add(e));
        return e;
    }

    @Override
    public CompletionStage<Totals> remove(Installation installation) {
        Entry e = (Entry) installation;
        if (closed.isDone()) {
            // The table went with the thread: nothing of the stream's is in the kernel any more, and its last counts
            // are what the thread read before it ended.
            return CompletableFuture.completedFuture(e.totals());
        }
        submit(() -> {
            if (pendingInstalls.remove(e)) {
                e.removed.complete(Totals.none(e.routes.size()));
            } else if (e.installed) {
                pendingRemovals.add(e);
            } else {
                e.removed.complete(e.totals());
            }
        });
        return e.removed;
    }

    @Override
    public KernelTotals totals() {
        return new KernelTotals(true, streams.get(), installs.get(), removals.get(), refusals.get(),
                delayNanos.get(), maxDelayNanos.get());
    }

    /** Takes every route out and the table away; returns once the thread has (streams' removals first). */
    @Override
    public void close() {
        closing = true;
        submit(() -> { });
        closed.join();
    }

    private int newId() {
        int id;
        do {
            id = nextId.incrementAndGet() & 0x7fffffff;
        } while (id == 0);
        return id;
    }

    private void submit(Runnable r) {
        requests.add(r);
    }

    private void run() {
        long nextPoll = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);
        try {
            while (!closing) {
                Runnable first = requests.poll(Math.max(0, nextPoll - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (first != null) {
                    first.run();
                    for (Runnable r; (r = requests.poll()) != null; ) {
                        r.run();
                    }
                    applyRemovals();
                    applyInstalls();
                }
                if (System.nanoTime() >= nextPoll) {
                    poll();
                    nextPoll = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);
                }
            }
            for (Runnable r; (r = requests.poll()) != null; ) {
                r.run();
            }
            applyRemovals();
            for (Entry e : pendingInstalls) {
                e.removed.complete(Totals.none(e.routes.size()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "kernel path thread failed; streams stay where they are", e);
        } finally {
            long n = installs.get();
            LOG.log(Level.INFO, String.format("kernel path: %d streams installed, %d removed, %d refused; request to "
                    + "routes in the kernel %.2f ms on average, %.2f ms at most", n, removals.get(), refusals.get(),
                    n == 0 ? 0.0 : delayNanos.get() / 1e6 / n, maxDelayNanos.get() / 1e6));
            try {
                nft.run(table.drop(), false);
            } catch (NftException e) {
                LOG.log(Level.WARNING, "could not delete " + table.name() + ": " + e.getMessage());
            }
            nft.close();
            closed.complete(null);
        }
    }

    private void applyInstalls() {
        if (pendingInstalls.isEmpty()) {
            return;
        }
        List<Entry> batch = new ArrayList<>(pendingInstalls);
        pendingInstalls.clear();
        StringBuilder all = new StringBuilder();
        batch.forEach(e -> e.routes.forEach(r -> table.install(r, all)));
        try {
            nft.run(all.toString(), false);
            batch.forEach(this::installed);
        } catch (NftException batchRefused) {
            for (Entry e : batch) {
                StringBuilder one = new StringBuilder();
                e.routes.forEach(r -> table.install(r, one));
                try {
                    nft.run(one.toString(), false);
                    installed(e);
                } catch (NftException refused) {
                    refusals.incrementAndGet();
                    String reason = refused.getMessage().lines().findFirst().orElse("refused");
                    LOG.log(Level.WARNING, "the kernel refused routes " + e.routes + " (the stream stays in "
                            + "userspace): " + refused.getMessage());
                    e.executor.execute(() -> e.listener.refused(e, reason));
                }
            }
        }
    }

    private void installed(Entry e) {
        long delay = System.nanoTime() - e.requested;
        e.installed = true;
        for (int i = 0; i < e.routes.size(); i++) {
            byId.put(e.routes.get(i).id(), new Entry.Slot(e, i));
        }
        streams.incrementAndGet();
        installs.incrementAndGet();
        delayNanos.addAndGet(delay);
        maxDelayNanos.accumulateAndGet(delay, Math::max);
        e.executor.execute(() -> e.listener.installed(e, delay));
    }

    private void applyRemovals() {
        if (pendingRemovals.isEmpty()) {
            return;
        }
        List<Entry> batch = new ArrayList<>(pendingRemovals);
        pendingRemovals.clear();
        StringBuilder all = new StringBuilder();
        batch.forEach(e -> e.routes.forEach(r -> table.remove(r, all)));
        try {
            nft.run(all.toString(), false);
        } catch (NftException batchRefused) {
            for (Entry e : batch) {
                StringBuilder one = new StringBuilder();
                e.routes.forEach(r -> table.remove(r, one));
                try {
                    nft.run(one.toString(), false);
                } catch (NftException refused) {
                    LOG.log(Level.WARNING, "could not take routes " + e.routes + " out of " + table.name() + ": "
                            + refused.getMessage());
                }
            }
        }
        // Nothing matches the routes now: their counts are final.
        List<KernelRoute> routes = new ArrayList<>();
        batch.forEach(e -> routes.addAll(e.routes));
        try {
            // The whole set, not 'get element' of these: nft 1.0.6 crashes on a get of about a thousand elements,
            // and reads the whole set for a get of one anyway.
            count(KernelTable.counted(nft.run(table.listCounted(), false)));
        } catch (NftException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "could not read the final counters of " + batch.size() + " streams: "
                    + e.getMessage());
        }
        for (Entry e : batch) {
            e.routes.forEach(r -> byId.remove(r.id()));
            e.installed = false;
            streams.decrementAndGet();
            removals.incrementAndGet();
            e.removed.complete(e.totals());
        }
        try {
            nft.run(table.deleteCounted(routes), false);
        } catch (NftException e) {
            LOG.log(Level.WARNING, "could not delete the counters of " + batch.size() + " streams: "
                    + e.getMessage());
        }
    }

    /** Every route's counter, once; streams whose routes forwarded since the last reading hear of it. */
    private void poll() {
        if (byId.isEmpty()) {
            return;
        }
        try {
            Set<Entry> grown = count(KernelTable.counted(nft.run(table.listCounted(), false)));
            for (Entry e : grown) {
                long[] packets = e.packets.clone();
                long[] bytes = e.bytes.clone();
                e.executor.execute(() -> e.listener.counted(e, packets, bytes));
            }
        } catch (NftException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "could not read " + table.name() + "'s counters: " + e.getMessage());
        }
    }

    /** Takes the readings into the routes' entries; returns the entries whose counts grew. */
    private Set<Entry> count(Map<Integer, long[]> readings) {
        Set<Entry> grown = new LinkedHashSet<>();
        readings.forEach((id, value) -> {
            Entry.Slot slot = byId.get(id);
            if (slot != null && value[0] != slot.entry().packets[slot.index()]) {
                slot.entry().packets[slot.index()] = value[0];
                slot.entry().bytes[slot.index()] = value[1];
                grown.add(slot.entry());
            }
        });
        return grown;
    }

    /** One stream's routes; its fields belong to the kernel thread, except what the listener is handed. */
    private static final class Entry implements Installation {
        record Slot(Entry entry, int index) {
        }

        final List<KernelRoute> routes;
        final Executor executor;
        final Listener listener;
        final long requested;
        final long[] packets;
        final long[] bytes;
        final CompletableFuture<Totals> removed = new CompletableFuture<>();
        boolean installed;

        Entry(List<KernelRoute> routes, Executor executor, Listener listener, long requested) {
            this.routes = routes;
            this.executor = executor;
            this.listener = listener;
            this.requested = requested;
            this.packets = new long[routes.size()];
            this.bytes = new long[routes.size()];
        }

        @Override
        public List<KernelRoute> routes() {
            return routes;
        }

        Totals totals() {
            return new Totals(packets.clone(), bytes.clone());
        }
    }
}
