package org.mediarelay.sdp;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An unmodifiable list over an array no one else holds. The model's records copy the lists they are given, as records
 * must; a list the parser or an editor built with a {@link Builder} is already safe to keep, so it is kept as it is
 * and a parse or an edit copies each line list once instead of twice.
 */
final class FrozenList<E> extends AbstractList<E> implements RandomAccess {

    private final Object[] elements;
    private final int size;

    private FrozenList(Object[] elements, int size) {
        this.elements = elements;
        this.size = size;
    }

    /** {@code list} itself when it is frozen, else an unmodifiable copy (which rejects nulls). */
    static <E> List<E> of(List<E> list) {
        return list instanceof FrozenList ? list : List.copyOf(list);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        return (E) elements[Objects.checkIndex(index, size)];
    }

    @Override
    public int size() {
        return size;
    }

    /** A list being built by one owner, then {@link #freeze() frozen} without a copy. No nulls. */
    static final class Builder<E> extends AbstractList<E> implements RandomAccess {
        private Object[] elements;
        private int size;
        private boolean frozen;

        Builder(int capacity) {
            this.elements = new Object[Math.max(capacity, 4)];
        }

        Builder(List<E> from, int extraCapacity) {
            this.elements = from.toArray(new Object[from.size() + extraCapacity]);
            this.size = from.size();
        }

        @Override
        @SuppressWarnings("unchecked")
        public E get(int index) {
            return (E) elements[Objects.checkIndex(index, size)];
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        @SuppressWarnings("unchecked")
        public E set(int index, E element) {
            writable();
            Object old = elements[Objects.checkIndex(index, size)];
            elements[index] = Objects.requireNonNull(element);
            return (E) old;
        }

        @Override
        public void add(int index, E element) {
            writable();
            Objects.checkIndex(index, size + 1);
            Objects.requireNonNull(element);
            if (size == elements.length) {
                elements = Arrays.copyOf(elements, size * 2);
            }
            System.arraycopy(elements, index, elements, index + 1, size - index);
            elements[index] = element;
            size++;
            modCount++;
        }

        @Override
        @SuppressWarnings("unchecked")
        public E remove(int index) {
            writable();
            Object old = elements[Objects.checkIndex(index, size)];
            System.arraycopy(elements, index + 1, elements, index, size - index - 1);
            elements[--size] = null;
            modCount++;
            return (E) old;
        }

        /** The elements as an unmodifiable list; the builder cannot change afterwards. */
        List<E> freeze() {
            writable();
            frozen = true;
            return new FrozenList<>(elements, size);
        }

        private void writable() {
            if (frozen) {
                throw new IllegalStateException("already frozen");
            }
        }
    }
}
