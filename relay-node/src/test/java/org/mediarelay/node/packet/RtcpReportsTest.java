package org.mediarelay.node.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpReportsTest {

    private record Seen(long ssrc, int lost, long highest, long jitter) {
    }

    private static List<Seen> read(ByteBuf b) {
        List<Seen> out = new ArrayList<>();
        int n = RtcpReports.read(b, (ssrc, lost, highest, jitter) -> out.add(new Seen(ssrc, lost, highest, jitter)));
        assertEquals(out.size(), n);
        return out;
    }

    /** A report block on {@code ssrc}. */
    private static void block(ByteBuf b, long ssrc, int lost, long highest, long jitter) {
        b.writeInt((int) ssrc).writeByte(lost < 0 ? 0 : 5).writeMedium(lost).writeInt((int) highest)
                .writeInt((int) jitter).writeInt(0).writeInt(0);
    }

    @Test
    void a_receiver_report_gives_each_of_its_blocks() {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(0x82).writeByte(201).writeShort(1 + 2 * 6).writeInt(0xAAAA);
        block(b, 0x1111, 3, 70_000, 80);
        block(b, 0x2222, -2, 12, 0);
        assertEquals(List.of(new Seen(0x1111, 3, 70_000, 80), new Seen(0x2222, -2, 12, 0)), read(b));
    }

    @Test
    void a_sender_report_in_a_compound_packet_gives_its_blocks_after_the_sender_info() {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(0x81).writeByte(200).writeShort(6 + 6).writeInt(0xAAAA);
        b.writeZero(20);
        block(b, 0x1111, 0, 150, 40);
        // SDES with one CNAME chunk: skipped.
        b.writeByte(0x81).writeByte(202).writeShort(2).writeInt(0xAAAA).writeByte(1).writeByte(1).writeByte('x')
                .writeByte(0);
        b.writeByte(0x81).writeByte(201).writeShort(7).writeInt(0xAAAA);
        block(b, 0x3333, 1, 2, 3);
        assertEquals(List.of(new Seen(0x1111, 0, 150, 40), new Seen(0x3333, 1, 2, 3)), read(b));
    }

    @Test
    void a_packet_whose_blocks_do_not_fit_its_length_gives_none_and_reading_stops_at_a_broken_header() {
        ByteBuf b = Unpooled.buffer();
        // Two blocks announced, room for one: skipped whole.
        b.writeByte(0x82).writeByte(201).writeShort(7).writeInt(0xAAAA);
        block(b, 0x1111, 3, 70, 80);
        b.writeByte(0x81).writeByte(201).writeShort(7).writeInt(0xAAAA);
        block(b, 0x2222, 1, 2, 3);
        // A length beyond the datagram: nothing from here on.
        b.writeByte(0x81).writeByte(201).writeShort(50).writeInt(0xAAAA);
        block(b, 0x3333, 1, 2, 3);
        assertEquals(List.of(new Seen(0x2222, 1, 2, 3)), read(b));
        assertEquals(List.of(), read(Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, (byte) 201, 0})));
        assertEquals(List.of(), read(Unpooled.wrappedBuffer(new byte[] {0x41, (byte) 201, 0, 1, 0, 0, 0, 0})));
    }
}
