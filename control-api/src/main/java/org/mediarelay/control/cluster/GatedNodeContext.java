package org.mediarelay.control.cluster;

import com.hazelcast.cluster.Address;
import com.hazelcast.instance.impl.DefaultNodeContext;
import com.hazelcast.instance.impl.DefaultNodeExtension;
import com.hazelcast.instance.impl.Node;
import com.hazelcast.instance.impl.NodeExtension;
import com.hazelcast.internal.cluster.impl.JoinMessage;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hazelcast's own node set-up, but the member, when it is the cluster's master, refuses a join request from an
 * address outside the {@link MemberAllowList}: Hazelcast then tells the joiner that its before-join check failed, and
 * the joiner shuts itself down without ever being a member (no partition, no replica, no event-bus subscription).
 * Open-source Hazelcast has no member authentication: this is the check its join protocol offers, on the address the
 * joiner announces (docs/operations.md says what that does not cover). It relies on Hazelcast 5.3's node-extension
 * hook ({@code NodeExtension.validateJoinRequest}); ExposureTest fails if an upgrade drops it.
 */
public final class GatedNodeContext extends DefaultNodeContext {

    private static final System.Logger LOG = System.getLogger(GatedNodeContext.class.getName());

    private final MemberAllowList allowed;
    private final LongAdder refused = new LongAdder();

    public GatedNodeContext(MemberAllowList allowed) {
        this.allowed = allowed;
    }

    /** Join requests refused so far. */
    public long refused() {
        return refused.sum();
    }

    @Override
    public NodeExtension createNodeExtension(Node node) {
        return new DefaultNodeExtension(node) {
            @Override
            public void validateJoinRequest(JoinMessage request) {
                super.validateJoinRequest(request);
                check(request.getAddress());
                // a member of another cluster merging after a split brings its members along
                request.getMemberAddresses().forEach(GatedNodeContext.this::check);
            }
        };
    }

    private void check(Address joiner) {
        if (!allowed.allows(joiner.getHost())) {
            refused.increment();
            LOG.log(Level.ERROR, "cluster: join request from " + joiner + " refused: not in the allow-list "
                    + allowed.patterns() + " (" + MemberAllowList.PROPERTY + " or tcp-ip member-list in cluster.yaml)");
            throw new SecurityException("mediarelay refuses members from " + joiner.getHost()
                    + ": not in the cluster's allow-list");
        }
    }
}
