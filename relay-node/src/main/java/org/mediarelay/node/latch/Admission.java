package org.mediarelay.node.latch;

/** What a {@link Latch} says about one received packet. */
public enum Admission {
    /** From the party's source: forward it. */
    ACCEPT,
    /** Learning is under way and this source ranks too low to be used yet (it may still win at the window's end). */
    LEARNING,
    /** A source is confirmed and this is another one (strict source). */
    STRICT_SOURCE,
    /** Nothing is learned and no learning window is open: nothing ties this source to the party. */
    UNKNOWN_SOURCE
}
