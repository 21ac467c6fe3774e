package org.mediarelay.node.timer;

import java.util.ArrayList;
import java.util.List;

/**
 * A hashed timing wheel (Varghese and Lauck): scheduling and cancelling cost O(1), and a tick touches only the entries
 * of its slot, so 100,000 sessions with a pending check cost nothing between their deadlines. Deadlines are rounded up
 * to the tick. Driven by the caller's clock ({@link #advance}); confined to one thread.
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
        private final T item;
        private final long deadline;
        private long rounds;
        private boolean cancelled;
        private Entry<T> next;

        private Entry(T item, long deadline) {
            this.item = item;
            this.deadline = deadline;
        }

        public void cancel() {
            cancelled = true;
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
        Entry<T> e = new Entry<>(item, deadlineMillis);
        e.rounds = (ticks - 1) / slots.length;
        int slot = (int) ((tick + ticks) % slots.length);
        e.next = slots[slot];
        slots[slot] = e;
        size++;
        return e;
    }

    /** Moves time to {@code nowMillis}; returns the items that fell due, in no particular order. */
    public List<T> advance(long nowMillis) {
        List<T> due = new ArrayList<>();
        while (tickTime + tickMillis <= nowMillis) {
            tick++;
            tickTime += tickMillis;
            int slot = (int) (tick % slots.length);
            Entry<T> kept = null;
            for (Entry<T> e = slots[slot]; e != null; ) {
                Entry<T> next = e.next;
                if (e.cancelled) {
                    size--;
                } else if (e.rounds > 0) {
                    e.rounds--;
                    e.next = kept;
                    kept = e;
                } else {
                    due.add(e.item);
                    size--;
                }
                e = next;
            }
            slots[slot] = kept;
        }
        return due;
    }

    /** Scheduled entries, cancelled ones included until their slot comes round. */
    public int size() {
        return size;
    }
}
