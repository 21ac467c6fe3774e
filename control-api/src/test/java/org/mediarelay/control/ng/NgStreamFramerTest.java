package org.mediarelay.control.ng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NgStreamFramerTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> texts(NgStreamFramer.Result r) {
        return r.messages().stream().map(m -> new String(m, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void messages_back_to_back_in_one_chunk_are_cut_where_each_dictionary_ends() {
        NgStreamFramer f = new NgStreamFramer(1024);
        NgStreamFramer.Result r = f.feed(b("a1 d7:command4:pinge\r\na2 {\"command\":\"ping\",\"x\":\"}\"}b3 d1:xi1ee"));
        assertEquals(List.of("a1 d7:command4:pinge", "a2 {\"command\":\"ping\",\"x\":\"}\"}", "b3 d1:xi1ee"), texts(r));
        assertFalse(r.broken());
    }

    @Test
    void a_message_split_over_chunks_is_whole_once_its_last_byte_arrives() {
        NgStreamFramer f = new NgStreamFramer(1024);
        String m = "k9 d7:command5:offer3:sdp12:v=0\r\ns=-\r\n\r\ne";
        for (int i = 0; i < m.length() - 1; i++) {
            assertEquals(List.of(), texts(f.feed(b(m.substring(i, i + 1)))), "after byte " + i);
        }
        assertEquals(List.of(m), texts(f.feed(b(m.substring(m.length() - 1)))));
    }

    @Test
    void garbage_breaks_the_stream_and_is_handed_on_so_its_cookie_gets_an_error() {
        NgStreamFramer f = new NgStreamFramer(1024);
        NgStreamFramer.Result r = f.feed(b("a1 d7:command4:pinge c2 dx:zz"));
        assertEquals(List.of("a1 d7:command4:pinge", "c2 dx:zz"), texts(r));
        assertTrue(r.broken());
        assertEquals(List.of(), texts(f.feed(b("a3 d7:command4:pinge"))));
    }

    @Test
    void a_message_over_the_limit_breaks_the_stream() {
        NgStreamFramer f = new NgStreamFramer(64);
        NgStreamFramer.Result r = f.feed(b("big d3:sdp1000:" + "x".repeat(100)));
        assertTrue(r.broken());
        assertEquals(1, r.messages().size());
        assertTrue(f.feed(b("x".repeat(10))).broken());
    }

    @Test
    void a_stream_without_cookie_breaks_once_no_cookie_can_be_that_long() {
        NgStreamFramer f = new NgStreamFramer(4096);
        assertFalse(f.feed(b("x".repeat(200))).broken());
        assertTrue(f.feed(b("x".repeat(100))).broken());
    }
}
