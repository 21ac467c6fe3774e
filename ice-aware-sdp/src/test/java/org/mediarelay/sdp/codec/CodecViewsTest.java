package org.mediarelay.sdp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mediarelay.sdp.attribute.Crypto;
import org.mediarelay.sdp.attribute.Fingerprint;
import org.mediarelay.sdp.attribute.Group;
import org.mediarelay.sdp.attribute.Setup;

class CodecViewsTest {

    @Test
    void rtpmap_with_and_without_channels_round_trips() {
        Rtpmap opus = Rtpmap.parse("111 opus/48000/2");
        assertEquals(new Rtpmap("111", "opus", 48000, Optional.of("2")), opus);
        assertEquals("111 opus/48000/2", opus.format());
        assertEquals("0 PCMU/8000", Rtpmap.parse("0 PCMU/8000").format());
        assertThrows(IllegalArgumentException.class, () -> Rtpmap.parse("101 ."));
        assertThrows(IllegalArgumentException.class, () -> Rtpmap.parse("telephone-event/8000"));
    }

    @Test
    void fmtp_keeps_its_parameters_verbatim() {
        Fmtp f = Fmtp.parse("102 useinbandfec=1; maxaveragebitrate=14400");
        assertEquals("102", f.payloadType());
        assertEquals("useinbandfec=1; maxaveragebitrate=14400", f.parameters());
        assertEquals("102 useinbandfec=1; maxaveragebitrate=14400", f.format());
    }

    @Test
    void static_payload_types_follow_rfc_3551() {
        assertEquals("PCMU/8000", StaticPayloadTypes.of("0").orElseThrow().label());
        assertEquals("G722/8000", StaticPayloadTypes.of("9").orElseThrow().label());
        assertEquals("H261/90000", StaticPayloadTypes.of("31").orElseThrow().label());
        assertEquals(Optional.empty(), StaticPayloadTypes.of("96"));
    }

    @Test
    void security_and_grouping_attributes_are_read() {
        assertEquals(new Crypto(1, "AES_CM_128_HMAC_SHA1_80", "inline:8QVQSHJ2AM8gIumHpYRRdWHyZ5NkLhaTD1AENOWx", ""),
                Crypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:8QVQSHJ2AM8gIumHpYRRdWHyZ5NkLhaTD1AENOWx"));
        assertEquals("sha-256", Fingerprint.parse("sha-256 19:E2:1C").hashFunction());
        assertEquals(Optional.of(Setup.ACTPASS), Setup.fromToken("actpass"));
        assertEquals(Optional.empty(), Setup.fromToken("sideways"));
        assertEquals(new Group("BUNDLE", java.util.List.of("0", "1")), Group.parse("BUNDLE 0 1"));
        assertThrows(IllegalArgumentException.class, () -> Crypto.parse("x AES inline:k"));
    }
}
