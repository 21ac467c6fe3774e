package org.mediarelay.node.kernel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.mediarelay.node.api.KernelTotals;

/**
 * Where a node's confirmed streams are handed to the kernel ({@link KernelForwarder}), or {@link #NONE}. A stream asks
 * for its routes once both its parties are confirmed, and takes them back before it closes; in between, the kernel
 * forwards their packets and the stream learns their counts ({@link Listener}) on its own loop.
 */
public interface KernelPath {

    /** What a route counts per datagram beyond the UDP payload the relay's own counters count: IPv4 and UDP headers. */
    int HEADER_BYTES = 28;

    /** One direction a stream asks for: media from {@code source} to {@code relayIn} leaves {@code relayOut}. */
    record Direction(InetSocketAddress source, InetSocketAddress relayIn, InetSocketAddress relayOut,
                     InetSocketAddress destination) {
    }

    /** What becomes of a stream's routes; each call runs on the executor the stream gave. */
    interface Listener {
        /** In the kernel from now on; {@code delayNanos} since the stream asked. */
        void installed(Installation installation, long delayNanos);

        /** The kernel refused them; the stream stays in userspace. */
        void refused(Installation installation, String reason);

        /** Packets and bytes (IP datagrams) each route has forwarded so far; called when they grew. */
        void counted(Installation installation, long[] packets, long[] bytes);
    }

    /** A stream's routes, from the request to their removal. */
    interface Installation {
        List<KernelRoute> routes();
    }

    /** What the routes of an installation forwarded in all, once they are out of the kernel. */
    record Totals(long[] packets, long[] bytes) {
        public static Totals none(int routes) {
            return new Totals(new long[routes], new long[routes]);
        }
    }

    /** Whether streams may go to the kernel at all. */
    boolean enabled();

    /** What the path carries now and how installing went, from any thread. */
    KernelTotals totals();

    /** Whether a packet the kernel rewrites for {@code destination} gets there (local, or the host forwards). */
    boolean reaches(InetAddress destination);

    Installation install(List<Direction> directions, Executor executor, Listener listener);

    /** Takes the routes out of the kernel; the totals are final (nothing matches them after). */
    CompletionStage<Totals> remove(Installation installation);

    /** No kernel path: every stream stays in userspace. */
    KernelPath NONE = new KernelPath() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public KernelTotals totals() {
            return KernelTotals.NONE;
        }

        @Override
        public boolean reaches(InetAddress destination) {
            return false;
        }

        @Override
        public Installation install(List<Direction> directions, Executor executor, Listener listener) {
            throw new IllegalStateException("no kernel path");
        }

        @Override
        public CompletionStage<Totals> remove(Installation installation) {
            return CompletableFuture.completedFuture(Totals.none(installation.routes().size()));
        }
    };
}
