package org.mediarelay.control.ng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NgFrameTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void the_cookie_is_everything_before_the_first_space() {
        assertArrayEquals(b("5323_1"), NgFrame.cookie(b("5323_1 d7:command4:pinge")).orElseThrow());
        assertEquals("pong", new String((byte[]) ((Map<?, ?>) Bencode.decode(
                NgFrame.reply(b("5323_1"), Map.of("result", "pong")), 7)).get("result"), StandardCharsets.US_ASCII));
        assertArrayEquals(b("5323_1 d6:result4:ponge"), NgFrame.reply(b("5323_1"), Map.of("result", "pong")));
    }

    @Test
    void without_a_cookie_there_is_nothing_to_reply_to() {
        assertTrue(NgFrame.cookie(b("d7:command4:pinge")).isEmpty());
        assertTrue(NgFrame.cookie(b(" d7:command4:pinge")).isEmpty());
        assertTrue(NgFrame.cookie(b("ab\ncd e")).isEmpty());
        assertTrue(NgFrame.cookie(b("x".repeat(300) + " d")).isEmpty());
    }

    @Test
    void a_body_that_is_not_a_bencoded_dictionary_is_refused() {
        assertEquals("empty message after the cookie",
                assertThrows(NgRequestException.class, () -> NgFrame.body(b("c "), 1)).getMessage());
        assertEquals("JSON ng messages are not supported yet; send bencode",
                assertThrows(NgRequestException.class, () -> NgFrame.body(b("c {\"command\":\"ping\"}"), 1)).getMessage());
        assertEquals("expected a bencoded dictionary after the cookie",
                assertThrows(NgRequestException.class, () -> NgFrame.body(b("c l4:pinge"), 1)).getMessage());
    }

    @Test
    void keys_with_spaces_are_the_same_as_keys_with_hyphens() {
        NgRequest r = NgFrame.body(b("c d7:command5:offer13:received froml3:IP47:1.2.3.4ee"), 1);
        assertEquals("offer", r.command());
        assertEquals(java.util.List.of("IP4", "1.2.3.4"), r.strings("received-from"));
    }

    @Test
    void wrong_types_and_missing_keys_are_named() {
        NgRequest r = NgFrame.body(b("c d7:commandi1e5:flags3:abce"), 1);
        assertEquals("key 'command' must be a string", assertThrows(NgRequestException.class, r::command).getMessage());
        assertEquals("key 'flags' must be a list of strings",
                assertThrows(NgRequestException.class, () -> r.strings("flags")).getMessage());
        assertEquals("missing key 'call-id'",
                assertThrows(NgRequestException.class, () -> r.requiredString("call-id")).getMessage());
    }
}
