package org.mediarelay.node.api;

/**
 * The two ends of a relayed call. The caller is the party whose offer created the session; the callee is the other.
 * Each stream has a port pair facing each party.
 */
public enum Party {
    CALLER,
    CALLEE;

    public Party other() {
        return this == CALLER ? CALLEE : CALLER;
    }
}
