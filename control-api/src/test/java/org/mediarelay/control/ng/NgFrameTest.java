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
        assertArrayEquals(b("5323_1 d6:result4:ponge"),
                NgFrame.frame(b("5323_1"), Bencode.encode(Map.of("result", "pong"))));
    }

    @Test
    void without_a_cookie_there_is_nothing_to_reply_to() {
        assertTrue(NgFrame.cookie(b("d7:command4:pinge")).isEmpty());
        assertTrue(NgFrame.cookie(b(" d7:command4:pinge")).isEmpty());
        assertTrue(NgFrame.cookie(b("ab\ncd e")).isEmpty());
        assertTrue(NgFrame.cookie(b("x".repeat(300) + " d")).isEmpty());
    }

    @Test
    void a_body_that_is_not_a_dictionary_is_refused() {
        assertEquals("empty message: no dictionary",
                assertThrows(NgRequestException.class, () -> NgFrame.request(b("c "), 2)).getMessage());
        assertEquals("expected a bencoded dictionary ('d') or a JSON object ('{') after the cookie",
                assertThrows(NgRequestException.class, () -> NgFrame.request(b("c l4:pinge"), 2)).getMessage());
    }

    @Test
    void a_json_body_is_read_like_bencode_and_answered_in_json() {
        NgRequest r = NgFrame.request(b("c {\"command\":\"offer\",\"received from\":[\"IP4\",\"1.2.3.4\"],"
                + "\"delete delay\":5,\"sdp\":\"v=0\\r\\n\"}"), 2);
        assertEquals(NgEncoding.JSON, r.encoding());
        assertEquals("offer", r.command());
        assertEquals(java.util.List.of("IP4", "1.2.3.4"), r.strings("received-from"));
        assertEquals(5L, r.integer("delete-delay").orElseThrow());
        assertEquals("v=0\r\n", r.requiredString("sdp"));
        Map<String, Object> reply = new java.util.LinkedHashMap<>();
        reply.put("result", "ok");
        reply.put("sdp", b("v=0\r\n"));
        reply.put("calls", java.util.List.of(b("a"), 3L));
        assertEquals("{\"result\":\"ok\",\"sdp\":\"v=0\\r\\n\",\"calls\":[\"a\",3]}",
                new String(NgEncoding.JSON.encode(reply), StandardCharsets.UTF_8));
        assertTrue(assertThrows(NgRequestException.class, () -> NgFrame.request(b("c {\"command\":"), 2))
                .getMessage().startsWith("invalid JSON: "));
    }

    @Test
    void keys_with_spaces_are_the_same_as_keys_with_hyphens() {
        NgRequest r = NgFrame.request(b("c d7:command5:offer13:received froml3:IP47:1.2.3.4ee"), 2);
        assertEquals("offer", r.command());
        assertEquals(java.util.List.of("IP4", "1.2.3.4"), r.strings("received-from"));
    }

    @Test
    void wrong_types_and_missing_keys_are_named() {
        NgRequest r = NgFrame.request(b("c d7:commandi1e5:flagsi3e5:limit3:tene"), 2);
        assertEquals("key 'command' must be a string", assertThrows(NgRequestException.class, r::command).getMessage());
        assertEquals("key 'flags' must be a list of strings",
                assertThrows(NgRequestException.class, () -> r.strings("flags")).getMessage());
        assertEquals("key 'limit' must be an integer",
                assertThrows(NgRequestException.class, () -> r.integer("limit")).getMessage());
        assertEquals("missing key 'call-id'",
                assertThrows(NgRequestException.class, () -> r.requiredString("call-id")).getMessage());
    }
}
