package org.mediarelay.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrozenListTest {

    @Test
    void a_builder_inserts_sets_and_removes_anywhere_and_grows_past_its_capacity() {
        FrozenList.Builder<String> b = new FrozenList.Builder<>(1);
        for (int i = 0; i < 10; i++) {
            b.add("x" + i);
        }
        b.add(0, "first");
        b.add(5, "middle");
        b.set(1, "second");
        assertEquals("x9", b.remove(b.size() - 1));
        assertEquals(List.of("first", "second", "x1", "x2", "x3", "middle", "x4", "x5", "x6", "x7", "x8"), b.freeze());
    }

    @Test
    void a_frozen_list_cannot_change_nor_can_its_builder() {
        FrozenList.Builder<String> b = new FrozenList.Builder<>(List.of("a", "b"), 2);
        List<String> frozen = b.freeze();
        assertThrows(UnsupportedOperationException.class, () -> frozen.add("c"));
        assertThrows(UnsupportedOperationException.class, () -> frozen.set(0, "c"));
        assertThrows(IllegalStateException.class, () -> b.add("c"));
        assertThrows(IndexOutOfBoundsException.class, () -> frozen.get(2));
        assertEquals(List.of("a", "b"), frozen);
    }

    @Test
    void nulls_are_refused() {
        FrozenList.Builder<String> b = new FrozenList.Builder<>(2);
        assertThrows(NullPointerException.class, () -> b.add(null));
        b.add("a");
        assertThrows(NullPointerException.class, () -> b.set(0, null));
    }

    @Test
    void a_frozen_list_is_kept_as_it_is_and_any_other_list_is_copied() {
        List<String> frozen = new FrozenList.Builder<>(List.of("a"), 0).freeze();
        assertSame(frozen, FrozenList.of(frozen));
        List<String> mutable = new ArrayList<>(List.of("a"));
        List<String> copy = FrozenList.of(mutable);
        assertNotSame(mutable, copy);
        mutable.add("b");
        assertEquals(List.of("a"), copy);
    }
}
