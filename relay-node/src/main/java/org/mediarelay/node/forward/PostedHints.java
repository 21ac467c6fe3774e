package org.mediarelay.node.forward;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.StreamSetup;

/**
 * Hints posted to a stream from other threads and not applied yet: a lock-free stack (its newest entry) that the
 * stream's loop takes whole and applies oldest first. Lets a control thread answer a request without waiting for the
 * loop. It is the atomic reference itself, not a holder of one: each packet reads it, through one object.
 */
final class PostedHints extends AtomicReference<PostedHints.Posted> {

    /** Hints posted and not applied yet; {@code earlier} was posted before. */
    record Posted(Party party, StreamSetup setup, Posted earlier) {
    }

    /** From any thread. */
    void post(Party party, StreamSetup setup) {
        Posted p;
        do {
            p = get();
        } while (!compareAndSet(p, new Posted(party, setup, p)));
    }

    /** Whether anything waits: one volatile read, for each packet. */
    boolean any() {
        return get() != null;
    }

    /** On the loop: everything posted so far, handed to {@code apply} in the order it was posted, and forgotten. */
    void drain(BiConsumer<Party, StreamSetup> apply) {
        Posted p = getAndSet(null);
        if (p != null) {
            apply(p, apply);
        }
    }

    private static void apply(Posted p, BiConsumer<Party, StreamSetup> apply) {
        if (p.earlier() != null) {
            apply(p.earlier(), apply);
        }
        apply.accept(p.party(), p.setup());
    }
}
