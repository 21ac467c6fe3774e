package org.mediarelay.node.api;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where a party said, in its SDP, that it receives RTP and RTCP. The node sends there until it has latched to the
 * address the party really sends from, and an exact match of it confirms a latch at once.
 * Empty when the SDP names no usable address (hold with {@code 0.0.0.0}, or a host name).
 */
public record PartyHints(Optional<InetSocketAddress> rtp, Optional<InetSocketAddress> rtcp) {

    public static final PartyHints NONE = new PartyHints(Optional.empty(), Optional.empty());

    public Optional<InetSocketAddress> of(Component c) {
        return c == Component.RTP ? rtp : rtcp;
    }
}
