package org.mediarelay.node.packet;

/**
 * What a datagram on a media port is, by its first bytes (RFC 7983 §7 demultiplexing, RFC 5761 §4 for RTCP on the
 * RTP port).
 */
public enum PacketKind {
    /** RTP (RFC 3550): version 2, at least the fixed header and its CSRC list. */
    RTP,
    /** RTCP: version 2 and a packet type of 192-223, or anything of version 2 on an RTCP port. */
    RTCP,
    /** STUN (RFC 8489): the first two bits 0, the magic cookie, and a length that matches the datagram. */
    STUN,
    /** DTLS (first byte 20-63) or ZRTP (16-19): key exchange for SRTP, passed through like media. */
    KEY_EXCHANGE,
    /** On a UDPTL stream (T.38 fax), everything but STUN: forwarded as it is. */
    UDPTL,
    /** On a stream of any other non-RTP transport, everything but STUN: forwarded as it is. */
    OTHER,
    /** None of the above, or too short to be one: counted and dropped. */
    MALFORMED
}
