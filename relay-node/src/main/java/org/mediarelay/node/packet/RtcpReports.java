package org.mediarelay.node.packet;

import io.netty.buffer.ByteBuf;

/**
 * The reception report blocks of an RTCP compound packet (RFC 3550 §6.4.1, §6.4.2): what the sender of the packet
 * received of each source it reports on. Reads SR and RR packets as far as they are whole and skips every other type;
 * stops at the first packet whose header does not fit. Nothing is allocated.
 */
public final class RtcpReports {

    /** One report block, as the receiver wrote it. */
    @FunctionalInterface
    public interface Block {
        /**
         * @param ssrc            the source reported on
         * @param cumulativeLost  packets lost since reception began (signed 24 bits: duplicates make it negative)
         * @param extendedHighest the extended highest sequence number received
         * @param jitter          interarrival jitter, in the source's timestamp units
         */
        void report(long ssrc, int cumulativeLost, long extendedHighest, long jitter);
    }

    private static final int SR = 200;
    private static final int RR = 201;
    private static final int HEADER = 8;
    private static final int SENDER_INFO = 20;
    private static final int BLOCK = 24;

    private RtcpReports() {
    }

    /** Each report block of {@code b}'s readable bytes, in order; returns how many there were. */
    public static int read(ByteBuf b, Block sink) {
        int at = b.readerIndex();
        int end = at + b.readableBytes();
        int blocks = 0;
        while (end - at >= HEADER) {
            int first = b.getUnsignedByte(at);
            int length = (b.getUnsignedShort(at + 2) + 1) * 4;
            if ((first & 0xC0) != 0x80 || length > end - at) {
                break;
            }
            int type = b.getUnsignedByte(at + 1);
            int count = first & 0x1F;
            int start = type == SR ? at + HEADER + SENDER_INFO : type == RR ? at + HEADER : -1;
            if (start >= 0 && start + count * BLOCK <= at + length) {
                for (int i = 0; i < count; i++) {
                    int o = start + i * BLOCK;
                    int lost = b.getMedium(o + 5);
                    sink.report(b.getUnsignedInt(o), lost, b.getUnsignedInt(o + 8), b.getUnsignedInt(o + 12));
                    blocks++;
                }
            }
            at += length;
        }
        return blocks;
    }
}
