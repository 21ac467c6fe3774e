package org.mediarelay.control.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainHttpTest {

    private static PlainHttp.Response read(String raw) throws IOException {
        return PlainHttp.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_body_is_read_by_its_length_by_its_chunks_or_to_the_end() throws IOException {
        assertEquals(new PlainHttp.Response(200, "{\"a\":1}"),
                read("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: 7\r\n\r\n{\"a\":1}extra"));
        assertEquals(new PlainHttp.Response(404, "{\"detail\":\"no\"}"),
                read("HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"det\r\na;x=1\r\nail\":\"no\"}\r\n0\r\n\r\n"));
        assertEquals(new PlainHttp.Response(200, "ü to the end"), read("HTTP/1.0 200 OK\r\n\r\nü to the end"));
    }

    @Test
    void something_that_is_not_http_or_stops_short_is_an_error_saying_so() {
        assertEquals("not an HTTP response: 'SSH-2.0-OpenSSH_9.2'",
                assertThrows(IOException.class, () -> read("SSH-2.0-OpenSSH_9.2\r\n")).getMessage());
        assertEquals("the connection closed after 2 of 10 bytes",
                assertThrows(IOException.class, () -> read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}"))
                        .getMessage());
        assertEquals("the connection closed in the middle of the response",
                assertThrows(IOException.class, () -> read("HTTP/1.1 200 OK\r\nContent-")).getMessage());
    }
}
