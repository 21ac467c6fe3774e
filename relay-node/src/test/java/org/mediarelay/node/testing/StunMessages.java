package org.mediarelay.node.testing;

import java.nio.ByteBuffer;

/** STUN messages (RFC 8489) as ICE agents send them, for tests: well formed, not authenticated. */
public final class StunMessages {

    private static final int MAGIC = 0x2112A442;

    private StunMessages() {
    }

    /** A Binding request with PRIORITY and, when nominating, USE-CANDIDATE (RFC 8445 §7.1.1, §7.1.2). */
    public static byte[] bindingRequest(byte[] transaction, boolean useCandidate) {
        int length = 8 + (useCandidate ? 4 : 0);
        ByteBuffer b = header(0x0001, length, transaction);
        b.putShort((short) 0x0024).putShort((short) 4).putInt(0x6E0001FF);
        if (useCandidate) {
            b.putShort((short) 0x0025).putShort((short) 0);
        }
        return b.array();
    }

    /** A Binding success response to {@code transaction}. */
    public static byte[] bindingSuccess(byte[] transaction) {
        return header(0x0101, 0, transaction).array();
    }

    /** A Binding indication: an RFC 5245 §10 keepalive (no attributes, no response). */
    public static byte[] bindingIndication() {
        return header(0x0011, 0, transaction(0x4B41)).array();
    }

    public static byte[] transaction(int n) {
        return ByteBuffer.allocate(12).putInt(0x7472616E).putInt(n).putInt(~n).array();
    }

    private static ByteBuffer header(int type, int length, byte[] transaction) {
        return ByteBuffer.allocate(20 + length).putShort((short) type).putShort((short) length).putInt(MAGIC)
                .put(transaction);
    }
}
