package org.mediarelay.control.mediaproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MpRequestTest {

    @Test
    void a_request_of_nothing_but_line_breaks_is_refused_as_empty() {
        // Found by MpRequestFuzzTest: the parser indexed the first of no lines.
        for (String text : new String[] {"\n", "\r\n\r\n", "", "   "}) {
            assertEquals("empty request", assertThrows(MpRequestException.class, () -> MpRequest.parse(text))
                    .getMessage(), text);
        }
    }
}
