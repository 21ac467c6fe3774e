package org.mediarelay.node.forward;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.kernel.KernelPath;

/**
 * One stream's RTP in the kernel: the routes it asked for (caller to callee, callee to caller), what they forwarded,
 * and the routes being taken out. Confined to the stream's loop; the kernel path calls back there.
 *
 * <p>The stream says what it wants ({@link #want}: the two directions, or none); a change of endpoints (a NAT
 * rebinding, a re-INVITE) takes the old routes out and puts new ones in. Counts arrive as the kernel's running totals
 * per route; each increase goes to the stream once ({@link Sink}), and the totals read when routes come out settle the
 * rest, so the stream's counters are exact.
 */
final class KernelLink implements KernelPath.Listener {

    /** Where the kernel's packets go: the stream's counters, latches and activity. */
    interface Sink {
        /** {@code packets} more RTP datagrams from {@code from} went through the kernel: {@code payloadBytes} of UDP. */
        void kernelForwarded(Party from, long packets, long payloadBytes);
    }

    /** The link of every stream on a node without a kernel path: it holds nothing, and nothing changes it. */
    static final KernelLink OFF = new KernelLink(KernelPath.NONE, (from, packets, bytes) -> { }, Runnable::run);

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final KernelPath path;
    private final Sink sink;
    /** The stream's loop: where the kernel path calls back. */
    private final Executor loop;
    /** The routes asked for or in; null while the stream is all in userspace. */
    private KernelPath.Installation current;
    private List<KernelPath.Direction> wanted = List.of();
    /** The endpoints the kernel refused: not asked again until they change. */
    private List<KernelPath.Direction> refused = List.of();
    private boolean installed;
    /** Per installation, the totals already given to the sink, by route (index 0: from the caller); made with it. */
    private long[] givenPackets;
    private long[] givenBytes;
    /** Route sets being taken out, until their final counts are in; made at the first (a held call pays nothing). */
    private List<CompletionStage<Void>> leaving;

    KernelLink(KernelPath path, Sink sink, Executor loop) {
        this.path = path;
        this.sink = sink;
        this.loop = loop;
    }

    boolean enabled() {
        return path.enabled();
    }

    KernelPath path() {
        return path;
    }

    /** Whether the routes are in the kernel now. */
    boolean inKernel() {
        return installed;
    }

    /** Whether routes are asked for or in. */
    boolean asked() {
        return current != null;
    }

    /** Whether routes are asked for or in, and {@code from}'s source in them is not {@code source}. */
    boolean sourceDiffers(Party from, InetSocketAddress source) {
        return current != null && !wanted.get(from.ordinal()).source().equals(source);
    }

    /** The directions the stream should have in the kernel now ({@code [from caller, from callee]}, or none). */
    void want(List<KernelPath.Direction> directions) {
        if (directions.equals(wanted) || (!directions.isEmpty() && directions.equals(refused))) {
            return;
        }
        takeOut();
        wanted = directions;
        if (!directions.isEmpty()) {
            givenPackets = new long[2];
            givenBytes = new long[2];
            current = path.install(directions, this::executeOnLoop, this);
        }
    }

    /** Takes the routes out; completes on the loop once every count is in the stream's counters. */
    CompletionStage<Void> release() {
        if (current == null && leaving == null) {
            return DONE;
        }
        takeOut();
        wanted = List.of();
        return CompletableFuture.allOf(leaving.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }

    private void executeOnLoop(Runnable r) {
        loop.execute(r);
    }

    private void takeOut() {
        if (current == null) {
            return;
        }
        KernelPath.Installation out = current;
        long[] packets = givenPackets;
        long[] bytes = givenBytes;
        current = null;
        installed = false;
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (leaving == null) {
            leaving = new ArrayList<>(1);
        }
        leaving.add(done);
        path.remove(out).whenComplete((totals, failure) -> executeOnLoop(() -> {
            if (totals != null) {
                give(totals.packets(), totals.bytes(), packets, bytes);
            }
            leaving.remove(done);
            done.complete(null);
        }));
    }

    @Override
    public void installed(KernelPath.Installation installation, long delayNanos) {
        if (installation == current) {
            installed = true;
        }
    }

    @Override
    public void refused(KernelPath.Installation installation, String reason) {
        if (installation == current) {
            refused = wanted;
            wanted = List.of();
            current = null;
        }
    }

    @Override
    public void counted(KernelPath.Installation installation, long[] packets, long[] bytes) {
        if (installation == current) {
            give(packets, bytes, givenPackets, givenBytes);
        }
    }

    /** The part of the running totals not given yet, given; {@code given} keeps up. */
    private void give(long[] packets, long[] bytes, long[] givenP, long[] givenB) {
        for (int i = 0; i < packets.length; i++) {
            long p = packets[i] - givenP[i];
            long b = bytes[i] - givenB[i];
            if (p > 0) {
                sink.kernelForwarded(i == 0 ? Party.CALLER : Party.CALLEE, p, b - p * KernelPath.HEADER_BYTES);
                givenP[i] = packets[i];
                givenB[i] = bytes[i];
            }
        }
    }
}
