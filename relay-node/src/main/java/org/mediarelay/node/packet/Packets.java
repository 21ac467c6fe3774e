package org.mediarelay.node.packet;

import io.netty.buffer.ByteBuf;

/**
 * Reads the few header fields the relay needs, in place and without copying: the kind of a datagram, RTP sequence,
 * timestamp, payload type and SSRC, the sender SSRC of RTCP. Callers pass a datagram whose kind they checked first.
 */
public final class Packets {

    /** RFC 8489 §5: bytes 4-7 of every STUN message. */
    public static final int STUN_MAGIC_COOKIE = 0x2112A442;
    static final int STUN_HEADER = 20;
    static final int RTP_HEADER = 12;
    static final int RTCP_HEADER = 8;
    /** A sequence number and the length byte of the primary IFP packet. */
    static final int UDPTL_MIN = 3;

    private Packets() {
    }

    /**
     * The kind of the datagram {@code b} (its readable bytes).
     *
     * @param rtcpPort it arrived on an RTCP port, where every version-2 packet is RTCP
     */
    public static PacketKind classify(ByteBuf b, boolean rtcpPort) {
        int n = b.readableBytes();
        if (n < RTCP_HEADER) {
            return PacketKind.MALFORMED;
        }
        int at = b.readerIndex();
        int first = b.getUnsignedByte(at);
        if ((first & 0xC0) == 0x80) {
            int type = b.getUnsignedByte(at + 1);
            if (rtcpPort || (type >= 192 && type <= 223)) {
                return PacketKind.RTCP;
            }
            return n >= RTP_HEADER + 4 * (first & 0x0F) ? PacketKind.RTP : PacketKind.MALFORMED;
        }
        if (first < 4) {
            return isStun(b, at, n) ? PacketKind.STUN : PacketKind.MALFORMED;
        }
        if (first >= 16 && first <= 63) {
            return PacketKind.KEY_EXCHANGE;
        }
        return PacketKind.MALFORMED;
    }

    /**
     * The kind of a datagram on a stream that does not carry RTP: STUN (ICE may run on any stream), else the stream's
     * own kind; an empty datagram is malformed.
     */
    public static PacketKind classifyOpaque(ByteBuf b, PacketKind streamKind) {
        int n = b.readableBytes();
        int at = b.readerIndex();
        if (n == 0 || (streamKind == PacketKind.UDPTL && n < UDPTL_MIN)) {
            return PacketKind.MALFORMED;
        }
        return n >= STUN_HEADER && b.getUnsignedByte(at) < 4 && isStun(b, at, n) ? PacketKind.STUN : streamKind;
    }

    /** T.38 §9.1: the sequence number that starts every UDPTL packet. */
    public static int udptlSequence(ByteBuf b) {
        return b.getUnsignedShort(b.readerIndex());
    }

    private static boolean isStun(ByteBuf b, int at, int n) {
        int length = b.getUnsignedShort(at + 2);
        return n >= STUN_HEADER && b.getInt(at + 4) == STUN_MAGIC_COOKIE && (length & 3) == 0
                && length + STUN_HEADER == n;
    }

    public static int rtpSequence(ByteBuf b) {
        return b.getUnsignedShort(b.readerIndex() + 2);
    }

    public static long rtpTimestamp(ByteBuf b) {
        return b.getUnsignedInt(b.readerIndex() + 4);
    }

    public static int rtpPayloadType(ByteBuf b) {
        return b.getUnsignedByte(b.readerIndex() + 1) & 0x7F;
    }

    public static long rtpSsrc(ByteBuf b) {
        return b.getUnsignedInt(b.readerIndex() + 8);
    }

    /** The SSRC of the sender of an RTCP compound packet: that of its first packet (SR or RR). */
    public static long rtcpSenderSsrc(ByteBuf b) {
        return b.getUnsignedInt(b.readerIndex() + 4);
    }
}
