package org.mediarelay.dispatcher.hazelcast;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.mediarelay.node.cluster.NodeRecord;

/**
 * A dispatcher's watch on the relay nodes: it remembers which cluster member runs each node (from their reports),
 * and when Hazelcast declares a member gone (heartbeats missing for {@code hazelcast.max.no.heartbeat.seconds}, or its
 * connections dropped) every node of that member is lost: its report is removed and the dispatcher ends its calls.
 */
public final class RelayWatch extends VerticleBase {

    private static final System.Logger LOG = System.getLogger(RelayWatch.class.getName());
    static final long REFRESH_MILLIS = 1000;

    private final HazelcastInstance hazelcast;
    private final HazelcastDirectory directory;
    private final Function<String, Future<Void>> onLost;
    /** node id → member id, from the latest reports. */
    private final Map<String, String> members = new ConcurrentHashMap<>();
    private UUID listener;
    private long timer;

    public RelayWatch(HazelcastInstance hazelcast, HazelcastDirectory directory, Function<String, Future<Void>> onLost) {
        this.hazelcast = hazelcast;
        this.directory = directory;
        this.onLost = onLost;
    }

    @Override
    public Future<?> start() {
        listener = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // a relay announces itself through its report
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                String gone = event.getMember().getUuid().toString();
                context.runOnContext(v -> lost(gone));
            }
        });
        timer = vertx.setPeriodic(REFRESH_MILLIS, id -> refresh());
        return refresh();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        hazelcast.getCluster().removeMembershipListener(listener);
        return Future.succeededFuture();
    }

    private Future<Void> refresh() {
        return vertx.executeBlocking(() -> {
            for (NodeRecord r : directory.all()) {
                members.put(r.id(), r.memberId());
            }
            return null;
        }, false);
    }

    private void lost(String memberId) {
        members.forEach((nodeId, member) -> {
            if (member.equals(memberId)) {
                members.remove(nodeId);
                LOG.log(Level.WARNING, "relay node " + nodeId + " left the cluster (member " + memberId + ")");
                vertx.executeBlocking(() -> {
                    directory.remove(nodeId);
                    return null;
                }, false);
                onLost.apply(nodeId);
            }
        });
    }
}
