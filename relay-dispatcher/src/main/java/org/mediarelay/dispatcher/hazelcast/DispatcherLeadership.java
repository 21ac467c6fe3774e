package org.mediarelay.dispatcher.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.util.function.BooleanSupplier;

/**
 * Whether this process is the dispatcher that acts on what relay nodes report on their own (timeouts, a lost node):
 * the oldest dispatcher member of the cluster. Exactly one acts, so a call that expires gets one CDR; when it dies,
 * the next oldest takes over as soon as Hazelcast removes it. Commands from proxies are served by every dispatcher.
 */
public final class DispatcherLeadership implements BooleanSupplier {

    /** The member attribute naming a process's role. */
    public static final String ROLE_ATTRIBUTE = "mediarelay.role";

    private final HazelcastInstance hazelcast;

    public DispatcherLeadership(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public boolean getAsBoolean() {
        // Members are listed oldest first, the same on every member.
        for (Member m : hazelcast.getCluster().getMembers()) {
            String role = m.getAttribute(ROLE_ATTRIBUTE);
            if ("dispatcher".equals(role) || "all".equals(role)) {
                return m.localMember();
            }
        }
        return false;
    }
}
