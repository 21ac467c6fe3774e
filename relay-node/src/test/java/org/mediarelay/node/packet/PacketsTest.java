package org.mediarelay.node.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PacketsTest {

    private static ByteBuf hex(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    /** RFC 5769 §2.1: a Binding request with SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME, MESSAGE-INTEGRITY, FINGERPRINT. */
    static final String RFC5769_REQUEST = "000100582112a442b7e7a701bc34d686fa87dfae802200105354554e20746573742063"
            + "6c69656e74002400046e0001ff80290008932ff9b151263b36000600096576746a3a68367659202020000800149aeaa70cbf"
            + "d8cb56781ef2b5b2d3f249c1b571a280280004e57a3bcf";

    /** RFC 5769 §2.2: the IPv4 success response to it. */
    static final String RFC5769_RESPONSE = "0101003c2112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f"
            + "7220002000080001a147e112a643000800142b91f599fd9e90c38c7489f92af9ba53f06be7d780280004c07d4c96";

    @Test
    void the_rfc5769_binding_request_and_response_are_stun() {
        assertEquals(PacketKind.STUN, Packets.classify(hex(RFC5769_REQUEST), false));
        assertEquals(PacketKind.STUN, Packets.classify(hex(RFC5769_RESPONSE), true));
        assertTrue(Stun.isRequest(hex(RFC5769_REQUEST)));
        assertFalse(Stun.isResponse(hex(RFC5769_REQUEST)));
        assertTrue(Stun.isResponse(hex(RFC5769_RESPONSE)));
        assertEquals(Stun.transactionId(hex(RFC5769_REQUEST)), Stun.transactionId(hex(RFC5769_RESPONSE)));
    }

    @Test
    void use_candidate_is_found_among_the_attributes_of_a_binding_request() {
        assertFalse(Stun.nominates(hex(RFC5769_REQUEST)));
        // The same request with a USE-CANDIDATE attribute (type 0x0025, empty) inserted after PRIORITY.
        String nominating = "0001005c2112a442b7e7a701bc34d686fa87dfae802200105354554e20746573742063"
                + "6c69656e74002400046e0001ff00250000" + "80290008932ff9b151263b36000600096576746a3a68367659202020"
                + "000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a280280004e57a3bcf";
        assertEquals(PacketKind.STUN, Packets.classify(hex(nominating), false));
        assertTrue(Stun.nominates(hex(nominating)));
        assertFalse(Stun.nominates(hex(RFC5769_RESPONSE)), "only requests nominate");
    }

    @Test
    void a_stun_look_alike_with_a_wrong_cookie_or_length_is_malformed() {
        assertEquals(PacketKind.MALFORMED, Packets.classify(hex("0001 0000 2112a443 000000000000000000000000"), false));
        assertEquals(PacketKind.MALFORMED, Packets.classify(hex("0001 0004 2112a442 000000000000000000000000"), false));
        assertEquals(PacketKind.MALFORMED, Packets.classify(hex("0001 0000 2112a442 0000"), false));
    }

    @Test
    void rtp_is_version_2_with_its_fixed_header_and_csrc_list() {
        ByteBuf rtp = hex("80 00 1234 00000a00 deadbeef" + "00".repeat(160));
        assertEquals(PacketKind.RTP, Packets.classify(rtp, false));
        assertEquals(0x1234, Packets.rtpSequence(rtp));
        assertEquals(0xa00, Packets.rtpTimestamp(rtp));
        assertEquals(0, Packets.rtpPayloadType(rtp));
        assertEquals(0xdeadbeefL, Packets.rtpSsrc(rtp));
        assertEquals(PacketKind.RTP, Packets.classify(hex("80 e0 0001 00000000 00000001"), false),
                "marker bit with payload type 96");
        assertEquals(PacketKind.MALFORMED, Packets.classify(hex("82 00 0001 00000000 00000001 00000002"), false),
                "two CSRCs announced, one present");
    }

    @Test
    void rtcp_is_told_from_rtp_by_its_packet_type_on_a_muxed_port_and_is_anything_of_version_2_on_an_rtcp_port() {
        ByteBuf rr = hex("80 c9 0001 cafebabe");
        assertEquals(PacketKind.RTCP, Packets.classify(rr, false));
        assertEquals(0xcafebabeL, Packets.rtcpSenderSsrc(rr));
        assertEquals(PacketKind.RTCP, Packets.classify(hex("81 c8 0006 00000001" + "00".repeat(20)), false), "SR");
        assertEquals(PacketKind.RTCP, Packets.classify(hex("80 00 0001 00000001"), true));
    }

    @Test
    void dtls_and_zrtp_are_key_exchange_and_the_rest_is_malformed() {
        assertEquals(PacketKind.KEY_EXCHANGE, Packets.classify(hex("16 fefd 0000 000000000000 0010"), false),
                "a DTLS 1.2 handshake record");
        assertEquals(PacketKind.KEY_EXCHANGE, Packets.classify(hex("10 00 0000 5a525450 0000"), false), "ZRTP");
        assertEquals(PacketKind.MALFORMED, Packets.classify(hex("40 00 0000 00000000"), false), "a TURN channel");
        assertEquals(PacketKind.MALFORMED, Packets.classify(hex("80 00 01"), false), "too short");
        assertEquals(PacketKind.MALFORMED, Packets.classify(hex("c0 00 0001 00000000 00000001"), false), "version 3");
    }

    @Test
    void reading_starts_at_the_reader_index() {
        ByteBuf b = hex("ffff 80 c9 0001 cafebabe");
        b.readerIndex(2);
        assertEquals(PacketKind.RTCP, Packets.classify(b, false));
        assertEquals(0xcafebabeL, Packets.rtcpSenderSsrc(b));
    }
}
