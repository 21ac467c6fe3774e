package org.mediarelay.node.api;

/** The relay's RTP port and RTCP port facing one party, on the node's media address. */
public record PortPair(int rtp, int rtcp) {

    public PortPair {
        if (rtp < 1 || rtp > 65535 || rtcp < 1 || rtcp > 65535) {
            throw new IllegalArgumentException("ports must be 1..65535: " + rtp + "/" + rtcp);
        }
    }

    /** The conventional pair: RTCP on RTP + 1. */
    public static PortPair startingAt(int rtpPort) {
        return new PortPair(rtpPort, rtpPort + 1);
    }
}
