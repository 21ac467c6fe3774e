package org.mediarelay.control.ng;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;

/**
 * Reads every datagram of one socket into the same buffer, large enough for any UDP datagram, allocated once. Only
 * for a handler that copies what it needs out of the datagram before returning (the next read overwrites it): a
 * release by the pipeline is ignored.
 */
final class ReusedReceiveBuffer extends DefaultMaxMessagesRecvByteBufAllocator {

    /**
     * The largest UDP payload (65,535 less the 8-byte UDP header; IPv4 takes 20 more for its header, 65,507), rounded
     * up: no datagram is ever cut short.
     */
    static final int SIZE = 65536;

    private final ByteBuf buffer = Unpooled.unreleasableBuffer(Unpooled.directBuffer(SIZE, SIZE));

    @Override
    public Handle newHandle() {
        return new MaxMessageHandle() {
            @Override
            public ByteBuf allocate(ByteBufAllocator alloc) {
                return buffer.clear();
            }

            @Override
            public int guess() {
                return SIZE;
            }
        };
    }
}
