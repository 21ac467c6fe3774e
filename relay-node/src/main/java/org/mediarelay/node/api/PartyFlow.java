package org.mediarelay.node.api;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * What the relay received from one party on one stream and forwarded to the other, and where it latched that
 * party's RTP and RTCP.
 */
public record PartyFlow(Counter rtp, Counter rtcp, Map<DropReason, Long> drops,
                        Optional<InetSocketAddress> latchedRtp, Optional<InetSocketAddress> latchedRtcp) {

    public PartyFlow {
        drops = Map.copyOf(drops);
    }

    public long dropped() {
        return drops.values().stream().mapToLong(Long::longValue).sum();
    }
}
