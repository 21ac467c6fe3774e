package org.mediarelay.node.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.Iterator;
import org.mediarelay.node.api.Party;

/**
 * STUN held back for a party whose address is not known yet (its SDP has not arrived, or named no address): ICE
 * checks may reach the relay before the answer does. Bounded per party, in count and age; confined to the stream's
 * loop. It holds copies (a received datagram is only lent, see {@link MediaSocket}) and frees each once sent, dropped
 * or cleared.
 */
final class StunQueue {

    /** ICE paces checks 50 ms apart; a handful covers an answer's delay without holding an attacker's flood. */
    static final int MAX_PER_PARTY = 16;
    /** Older checks have been retransmitted by their sender anyway. */
    static final long MAX_AGE_MILLIS = 5_000;

    private record Held(Leg out, ByteBuf buf, PartyState from, long at) {
    }

    /** Sends one held message; false when the destination is still unknown (it stays held). */
    interface Sender {
        boolean send(Leg out, ByteBuf buf, PartyState from);
    }

    /** Counts one held message that waited too long as dropped. */
    interface Dropper {
        void drop(PartyState from);
    }

    /**
     * By the party it waits for; each made when it first holds something (most streams never do, and two empty
     * queues would cost a held call about 250 bytes).
     */
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Held>[] held = new ArrayDeque[2];

    boolean holdsFor(Party to) {
        ArrayDeque<Held> q = held[to.ordinal()];
        return q != null && !q.isEmpty();
    }

    /** Holds a message for {@code to}; false when its queue is full (the caller drops it). */
    boolean hold(Party to, Leg out, ByteBuf buf, PartyState from, long now) {
        ArrayDeque<Held> q = held[to.ordinal()];
        if (q == null) {
            q = held[to.ordinal()] = new ArrayDeque<>(MAX_PER_PARTY);
        }
        if (q.size() >= MAX_PER_PARTY) {
            return false;
        }
        q.add(new Held(out, Unpooled.directBuffer(buf.readableBytes()).writeBytes(buf, buf.readerIndex(),
                buf.readableBytes()), from, now));
        return true;
    }

    /** Sends what is held for {@code to}, in order, dropping what is too old; stops at the first that cannot go. */
    void release(Party to, long now, Sender sender, Dropper dropper) {
        ArrayDeque<Held> q = held[to.ordinal()];
        if (q == null) {
            return;
        }
        Iterator<Held> it = q.iterator();
        while (it.hasNext()) {
            Held h = it.next();
            if (now - h.at() > MAX_AGE_MILLIS) {
                it.remove();
                h.buf().release();
                dropper.drop(h.from());
            } else if (sender.send(h.out(), h.buf(), h.from())) {
                it.remove();
                h.buf().release();
            } else {
                return;
            }
        }
    }

    /** Frees everything held (the stream closes). */
    void clear() {
        for (ArrayDeque<Held> q : held) {
            if (q != null) {
                q.forEach(h -> h.buf().release());
                q.clear();
            }
        }
    }
}
