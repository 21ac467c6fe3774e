package org.mediarelay.node.timer;

import java.util.ArrayList;
import java.util.List;

/**
 * A hashed timing wheel (Varghese and Lauck): scheduling and cancelling cost O(1), and a tick touches only the entries
 * of its slot, so 100,000 sessions with a pending check cost nothing between their deadlines. Deadlines are rounded up
 * to the tick. Driven by the caller's clock ({@link #advance}); confined to one thread.
 *
 * <p>A cancelled entry leaves its slot at once (each slot is a doubly linked list): a session that ended with a check
 * minutes away must become garbage now, not stay reachable from the wheel until its slot comes round.
 *
 * @param <T> what is due
 */
public final class TimerWheel<T> {

    private final long tickMillis;
    private final Entry<T>[] slots;
    private long tick;
    private long tickTime;
    private int size;

    /** A scheduled item; {@link #cancel()} it when it is no longer due. */
    public static final class Entry<T> {
        private final TimerWheel<T> wheel;
        private final T item;
        private final long deadline;
        private final int slot;
        private long rounds;
        /** In a slot: scheduled and neither due nor cancelled yet. */
        private boolean linked;
        private Entry<T> prev;
        private Entry<T> next;

        private Entry(TimerWheel<T> wheel, T item, long deadline, int slot, long rounds) {
            this.wheel = wheel;
            this.item = item;
            this.deadline = deadline;
            this.slot = slot;
            this.rounds = rounds;
        }

        /** Takes the entry out of the wheel; nothing happens if it already fell due or was cancelled. */
        public void cancel() {
            if (linked) {
                wheel.unlink(this);
            }
        }

        public long deadline() {
            return deadline;
        }
    }

    @SuppressWarnings("unchecked")
    public TimerWheel(long tickMillis, int slotCount, long startMillis) {
        if (tickMillis < 1 || slotCount < 1) {
            throw new IllegalArgumentException("tick and slot count must be positive");
        }
        this.tickMillis = tickMillis;
        this.slots = new Entry[slotCount];
        this.tickTime = startMillis;
    }

    public Entry<T> schedule(T item, long deadlineMillis) {
        long ticks = Math.max(1, (deadlineMillis - tickTime + tickMillis - 1) / tickMillis);
        int slot = (int) ((tick + ticks) % slots.length);
        Entry<T> e = new Entry<>(this, item, deadlineMillis, slot, (ticks - 1) / slots.length);
        e.next = slots[slot];
        if (e.next != null) {
            e.next.prev = e;
        }
        slots[slot] = e;
        e.linked = true;
        size++;
        return e;
    }

    /** Moves time to {@code nowMillis}; returns the items that fell due, in no particular order. */
    public List<T> advance(long nowMillis) {
        List<T> due = new ArrayList<>();
        while (tickTime + tickMillis <= nowMillis) {
            tick++;
            tickTime += tickMillis;
            Entry<T> e = slots[(int) (tick % slots.length)];
            while (e != null) {
                Entry<T> next = e.next;
                if (e.rounds > 0) {
                    e.rounds--;
                } else {
                    unlink(e);
                    due.add(e.item);
                }
                e = next;
            }
        }
        return due;
    }

    /** Scheduled entries, neither due nor cancelled yet. */
    public int size() {
        return size;
    }

    private void unlink(Entry<T> e) {
        if (e.prev != null) {
            e.prev.next = e.next;
        } else {
            slots[e.slot] = e.next;
        }
        if (e.next != null) {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        e.linked = false;
        size--;
    }
}
