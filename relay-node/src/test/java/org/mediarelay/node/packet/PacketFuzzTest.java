package org.mediarelay.node.packet;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.mediarelay.node.quality.RtpReception;

/**
 * Coverage-guided fuzzing (Jazzer) of what reaches a relay port from anyone on the network: whatever a datagram holds,
 * the data plane classifies it, and reads what its kind promises (RTP header fields into the quality figures, the
 * RTCP sender, the STUN class, USE-CANDIDATE and transaction id, the UDPTL sequence) without any exception and without
 * reading past its end. Bounded in time.
 */
class PacketFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void any_datagram_is_classified_and_read_within_its_bytes(FuzzedDataProvider data) {
        boolean rtcpPort = data.consumeBoolean();
        int offset = data.consumeInt(0, 8);
        byte[] bytes = data.consumeRemainingAsBytes();
        // The packet sits inside a larger buffer, as in a receive buffer: reading past it would not throw by itself.
        byte[] framed = new byte[offset + bytes.length];
        System.arraycopy(bytes, 0, framed, offset, bytes.length);
        ByteBuf b = Unpooled.wrappedBuffer(framed, offset, bytes.length).asReadOnly();
        RtpReception quality = new RtpReception();
        switch (Packets.classify(b, rtcpPort)) {
            case RTP -> {
                Packets.rtpPayloadType(b);
                quality.packet(Packets.rtpSsrc(b), Packets.rtpSequence(b), Packets.rtpTimestamp(b), 1_000_000L, 8000);
            }
            case RTCP -> Packets.rtcpSenderSsrc(b);
            case STUN -> {
                Stun.isRequest(b);
                Stun.nominates(b);
                Stun.transactionId(b);
            }
            default -> { }
        }
        if (Packets.classifyOpaque(b, PacketKind.UDPTL) == PacketKind.UDPTL) {
            Packets.udptlSequence(b);
        }
    }
}
