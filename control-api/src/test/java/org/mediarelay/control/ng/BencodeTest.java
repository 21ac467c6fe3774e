package org.mediarelay.control.ng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BencodeTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Object decode(String s) {
        return Bencode.decode(b(s), 0);
    }

    @Test
    void decodes_the_ng_ping_and_its_nested_values() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) decode("d7:command4:ping5:flagsl3:abc0:e3:numi-42ee");
        assertEquals(List.of("command", "flags", "num"), List.copyOf(m.keySet()));
        assertArrayEquals(b("ping"), (byte[]) m.get("command"));
        assertEquals(-42L, m.get("num"));
        List<?> flags = (List<?>) m.get("flags");
        assertArrayEquals(b("abc"), (byte[]) flags.get(0));
        assertArrayEquals(new byte[0], (byte[]) flags.get(1));
    }

    @Test
    void strings_keep_every_byte() {
        byte[] raw = {'3', ':', (byte) 0xff, 0, '\r'};
        assertArrayEquals(new byte[] {(byte) 0xff, 0, '\r'}, (byte[]) Bencode.decode(raw, 0));
    }

    @Test
    void encodes_with_sorted_keys_and_round_trips() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sdp", b("v=0\r\n"));
        m.put("result", "ok");
        m.put("n", 7);
        m.put("list", List.of("a", 1L));
        assertEquals("d4:listl1:ai1ee1:ni7e6:result2:ok3:sdp5:v=0\r\ne",
                new String(Bencode.encode(m), StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "d7:command4:ping              | truncated: expected 'e' at offset 16",
        "d7:command9:ping e            | truncated: string of 9 bytes at offset 10 runs past the end",
        "i03e                          | invalid number at offset 1 (leading zero or -0)",
        "i-0e                          | invalid number at offset 1 (leading zero or -0)",
        "ie                            | invalid number at offset 1 (expected digits then 'e')",
        "i12345678901234567890e        | number too long at offset 1",
        "4:pingXYZ                     | trailing data after the value at offset 6",
        "x                             | unexpected 'x' at offset 0 (expected a string, i, l or d)",
        "di1ei2ee                      | expected a string key at offset 1",
        "d1:ai1e1:ai2ee                | duplicate key 'a' before offset 13",
        "5                             | truncated: expected ':' at offset 1",
        "''                            | truncated: expected a value at offset 0",
    })
    void malformed_input_is_refused_with_what_and_where(String input, String message) {
        assertEquals(message, assertThrows(BencodeException.class, () -> decode(input)).getMessage());
    }

    @Test
    void deep_nesting_is_refused_before_it_exhausts_the_stack() {
        String deep = "l".repeat(10_000) + "e".repeat(10_000);
        assertEquals("nesting deeper than 32 at offset 33", assertThrows(BencodeException.class, () -> decode(deep)).getMessage());
    }

    @Test
    void a_negative_string_length_is_not_a_string() {
        assertEquals("unexpected '-' at offset 0 (expected a string, i, l or d)",
                assertThrows(BencodeException.class, () -> decode("-1:a")).getMessage());
    }
}
