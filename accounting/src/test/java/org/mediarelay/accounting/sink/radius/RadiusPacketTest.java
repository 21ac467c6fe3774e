package org.mediarelay.accounting.sink.radius;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mediarelay.accounting.sink.radius.RadiusPacket.Attribute;

class RadiusPacketTest {

    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);

    private static byte[] md5(byte[]... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    /** What a server answers: code 5, the request's identifier, signed over the request authenticator. */
    private static byte[] response(byte[] request, byte[] secret) throws Exception {
        byte[] r = new byte[20];
        r[0] = 5;
        r[1] = request[1];
        r[3] = 20;
        System.arraycopy(request, 4, r, 4, 16);
        byte[] auth = md5(r, secret);
        System.arraycopy(auth, 0, r, 4, 16);
        return r;
    }

    @Test
    void a_request_is_code_4_with_its_identifier_length_attributes_and_the_rfc_2866_authenticator() throws Exception {
        byte[] p = RadiusPacket.accountingRequest(7, List.of(Attribute.integer(40, 3), Attribute.text(44, "call")),
                SECRET);
        assertEquals(4, p[0]);
        assertEquals(7, p[1]);
        assertEquals(20 + 6 + 6, ((p[2] & 0xFF) << 8) | (p[3] & 0xFF));
        assertArrayEquals(new byte[] {40, 6, 0, 0, 0, 3, 44, 6, 'c', 'a', 'l', 'l'}, Arrays.copyOfRange(p, 20, 32));
        byte[] zeroed = p.clone();
        Arrays.fill(zeroed, 4, 20, (byte) 0);
        assertArrayEquals(md5(zeroed, SECRET), Arrays.copyOfRange(p, 4, 20));
    }

    @Test
    void a_response_signed_with_the_secret_answers_its_request_and_any_other_does_not() throws Exception {
        byte[] request = RadiusPacket.accountingRequest(9, List.of(Attribute.text(44, "c")), SECRET);
        byte[] good = response(request, SECRET);
        assertTrue(RadiusPacket.answers(good, request, SECRET));
        assertFalse(RadiusPacket.answers(response(request, "wrong".getBytes(StandardCharsets.UTF_8)), request, SECRET),
                "forged without the secret");
        byte[] otherId = good.clone();
        otherId[1] = 10;
        assertFalse(RadiusPacket.answers(otherId, request, SECRET));
        byte[] otherCode = good.clone();
        otherCode[0] = 2;
        assertFalse(RadiusPacket.answers(otherCode, request, SECRET));
        assertFalse(RadiusPacket.answers(Arrays.copyOf(good, 12), request, SECRET), "truncated");
        byte[] otherRequest = RadiusPacket.accountingRequest(9, List.of(Attribute.text(44, "d")), SECRET);
        assertFalse(RadiusPacket.answers(good, otherRequest, SECRET), "an answer to another request with the same id");
    }

    @Test
    void text_is_cut_to_253_octets_without_splitting_a_character_and_integers_clamp_to_32_bits() {
        String s = "é".repeat(200);
        Attribute a = Attribute.text(1, s);
        assertEquals(252, a.value().length);
        assertEquals("é".repeat(126), new String(a.value(), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[] {-1, -1, -1, -1}, Attribute.integer(42, 1L << 40).value());
        assertArrayEquals(new byte[] {0, 0, 0, 0}, Attribute.integer(42, -5).value());
    }

    @Test
    void attribute_types_outside_1_to_255_and_oversize_packets_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> Attribute.integer(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Attribute.integer(256, 1));
        List<Attribute> many = java.util.Collections.nCopies(20, Attribute.text(26, "x".repeat(253)));
        assertThrows(IllegalArgumentException.class, () -> RadiusPacket.accountingRequest(1, many, SECRET));
    }
}
