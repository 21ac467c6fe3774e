package org.mediarelay.node.packet;

import io.netty.buffer.ByteBuf;

/**
 * The parts of a STUN message (RFC 8489) that matter to a relay passing ICE checks (RFC 8445) through: whether it is
 * a request or a response, whether a Binding request nominates (USE-CANDIDATE), and its transaction id, by which a
 * response is routed back to whoever sent the request. Only for datagrams {@link Packets#classify} found to be STUN.
 */
public final class Stun {

    /** RFC 8445 §16.1: the controlling agent's nomination flag. */
    static final int USE_CANDIDATE = 0x0025;
    private static final int BINDING = 0x0001;

    private Stun() {
    }

    /** The class bits (RFC 8489 §5): 0 request, 1 indication, 2 success response, 3 error response. */
    static int messageClass(ByteBuf b) {
        int type = b.getUnsignedShort(b.readerIndex());
        return ((type >> 7) & 0b10) | ((type >> 4) & 0b01);
    }

    public static boolean isRequest(ByteBuf b) {
        return messageClass(b) == 0;
    }

    public static boolean isResponse(ByteBuf b) {
        return messageClass(b) >= 2;
    }

    /** A Binding request that carries USE-CANDIDATE: ICE nominates the pair it travels on. */
    public static boolean nominates(ByteBuf b) {
        int at = b.readerIndex();
        int type = b.getUnsignedShort(at);
        if (type != BINDING) {
            return false;
        }
        int end = at + Packets.STUN_HEADER + b.getUnsignedShort(at + 2);
        int attr = at + Packets.STUN_HEADER;
        while (attr + 4 <= end) {
            int attrType = b.getUnsignedShort(attr);
            int length = b.getUnsignedShort(attr + 2);
            if (attrType == USE_CANDIDATE) {
                return true;
            }
            attr += 4 + ((length + 3) & ~3);
        }
        return false;
    }

    /** The 96-bit transaction id, as a key for matching a response to its request. */
    public static TransactionId transactionId(ByteBuf b) {
        int at = b.readerIndex() + 8;
        return new TransactionId(b.getLong(at), b.getInt(at + 8));
    }

    /** A STUN transaction id (RFC 8489 §5). */
    public record TransactionId(long high, int low) {
    }
}
