package org.mediarelay.node.cluster;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import org.mediarelay.node.RelayNode;

/**
 * A relay process's report to the cluster, every second: its media address, capacity and load, so that dispatchers
 * place new calls on it. The Hazelcast work runs on a worker thread, never on an event loop.
 */
public final class NodeAnnouncer extends VerticleBase {

    private static final System.Logger LOG = System.getLogger(NodeAnnouncer.class.getName());
    static final long PERIOD_MILLIS = 1000;

    private final NodeBoard board;
    private final RelayNode node;
    private final String nodeId;
    private final String mediaAddress;
    private final int weight;
    private final String memberId;
    private final Clock clock;
    private final Runnable drainedAndEmpty;
    private long timer;
    private long lastReportMillis;
    private long lastForwarded;
    private long lastForwardedBytes;
    private final long startedMillis;

    /**
     * @param memberId        the cluster member this process is: dispatchers watch it to notice the node's loss
     * @param drainedAndEmpty called once the node is draining and carries no call any more
     */
    public NodeAnnouncer(NodeBoard board, RelayNode node, String nodeId, String mediaAddress, int weight,
                         String memberId, Clock clock, Runnable drainedAndEmpty) {
        this.board = board;
        this.node = node;
        this.nodeId = nodeId;
        this.mediaAddress = mediaAddress;
        this.weight = weight;
        this.memberId = memberId;
        this.clock = clock;
        this.drainedAndEmpty = drainedAndEmpty;
        this.startedMillis = clock.millis();
    }

    @Override
    public Future<?> start() {
        return announce().onSuccess(v -> timer = vertx.setPeriodic(PERIOD_MILLIS, id -> announce()
                .onFailure(e -> LOG.log(Level.WARNING, "node report of " + nodeId + " failed: " + e.getMessage()))));
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return vertx.executeBlocking(() -> {
            board.remove(nodeId);
            return null;
        }, false);
    }

    /** Packets and bits forwarded per second since the previous report. Only on this verticle's context. */
    private long[] rates() {
        long now = clock.millis();
        long packets = node.forwardedPackets();
        long bytes = node.forwardedBytes();
        long elapsed = now - lastReportMillis;
        long[] rates = lastReportMillis == 0 || elapsed <= 0 ? new long[2] : new long[] {
            (packets - lastForwarded) * 1000 / elapsed, (bytes - lastForwardedBytes) * 8000 / elapsed};
        lastReportMillis = now;
        lastForwarded = packets;
        lastForwardedBytes = bytes;
        return rates;
    }

    /** This process's CPU use in percent of the host, 0 when the JVM cannot tell. */
    private static int cpuPercent() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getProcessCpuLoad();
            return load < 0 ? 0 : (int) Math.round(load * 100);
        }
        return 0;
    }

    private Future<Void> announce() {
        long[] rates = rates();
        NodeRecord record = new NodeRecord(nodeId, mediaAddress, node.interfaces().stream()
                .map(i -> i.name() + "/" + i.advertised()).toList(), node.totalPortPairs(), node.freePortPairs(),
                node.sessionCount(), node.openStreams(), rates[0], cpuPercent(), weight, false, clock.millis(),
                memberId, new NodeRecord.Traffic(startedMillis, rates[1], node.openStreamsByMedia()));
        return vertx.executeBlocking(() -> {
            board.report(record);
            return board.isDraining(nodeId);
        }, false).map(draining -> {
            if (draining && node.sessionCount() == 0) {
                drainedAndEmpty.run();
            }
            return null;
        });
    }
}
