package org.mediarelay.node.api;

/** RTP or RTCP: the two sockets of a port pair (RFC 8445 component ids 1 and 2). */
public enum Component {
    RTP,
    RTCP
}
