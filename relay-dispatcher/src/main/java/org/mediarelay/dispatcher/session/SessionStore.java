package org.mediarelay.dispatcher.session;

import java.util.Collection;
import java.util.Optional;

/**
 * Where sessions live, keyed by Call-ID. The dispatcher serialises operations per call, so a store needs no
 * compare-and-set; it must be safe for concurrent use across calls.
 */
public interface SessionStore {

    Optional<CallSession> get(String callId);

    void put(CallSession session);

    void remove(String callId);

    Collection<CallSession> all();

    int size();
}
