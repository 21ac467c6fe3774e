package org.mediarelay.dispatcher.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenSipsDialogIdTest {

    /** OpenSIPS 3.4's reading of one half (ut.h reverse_hex2int): the last character is the most significant digit. */
    private static long opensipsReads(String reverseHex) {
        long r = 0;
        for (int i = reverseHex.length() - 1; i >= 0; i--) {
            r = (r << 4) + Character.digit(reverseHex.charAt(i), 16);
        }
        return r;
    }

    @Test
    void the_modules_decimal_id_becomes_hash_entry_dot_hash_id_in_reverse_hex() {
        long entry = 1274;
        long id = 9_000_001;
        String did = OpenSipsDialogId.forEnd(Optional.of(String.valueOf(entry << 32 | id)), "call@host");
        assertEquals("af4.144598", did, "1274 is 0x4fa, 9000001 is 0x895441");
        String[] halves = did.split("\\.");
        assertEquals(entry, opensipsReads(halves[0]));
        assertEquals(id, opensipsReads(halves[1]));
    }

    @Test
    void the_largest_entry_and_id_and_zero_survive_the_conversion() {
        assertEquals("ffffffff.ffffffff", OpenSipsDialogId.forEnd(Optional.of("18446744073709551615"), "c"));
        assertEquals("0.0", OpenSipsDialogId.forEnd(Optional.of("0"), "c"));
        assertEquals("0.1", OpenSipsDialogId.forEnd(Optional.of("1"), "c"));
        assertEquals("1.0", OpenSipsDialogId.forEnd(Optional.of("4294967296"), "c"));
    }

    @Test
    void without_a_readable_module_id_the_call_id_is_asked_for_which_opensips_also_looks_up() {
        assertEquals("a84b4c76e66710@pc33", OpenSipsDialogId.forEnd(Optional.empty(), "a84b4c76e66710@pc33"));
        assertEquals("c", OpenSipsDialogId.forEnd(Optional.of("18446744073709551616"), "c"), "past 64 bits");
        assertEquals("c", OpenSipsDialogId.forEnd(Optional.of("-5"), "c"));
        assertEquals("c", OpenSipsDialogId.forEnd(Optional.of("12ab"), "c"));
        assertEquals("c", OpenSipsDialogId.forEnd(Optional.of(""), "c"));
    }
}
