package org.mediarelay.control.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void columns_are_as_wide_as_their_widest_cell_and_numbers_align_right() {
        String t = new TextTable("NAME", "COUNT>", "NOTE").row("a", 7, "x").row("longer name", 1234, null).render();
        assertEquals("""
                NAME         COUNT  NOTE
                a                7  x
                longer name   1234  -
                """, t);
    }

    @Test
    void a_row_with_the_wrong_number_of_cells_is_a_bug_and_says_so() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable("A", "B").row("only one"));
    }
}
