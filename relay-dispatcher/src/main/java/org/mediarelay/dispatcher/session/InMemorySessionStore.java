package org.mediarelay.dispatcher.session;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions in this JVM's memory: the store of a single all-in-one process. */
public final class InMemorySessionStore implements SessionStore {

    private final Map<String, CallSession> sessions = new ConcurrentHashMap<>();

    @Override
    public Optional<CallSession> get(String callId) {
        return Optional.ofNullable(sessions.get(callId));
    }

    @Override
    public void put(CallSession session) {
        sessions.put(session.callId(), session);
    }

    @Override
    public void remove(String callId) {
        sessions.remove(callId);
    }

    @Override
    public Collection<CallSession> all() {
        return List.copyOf(sessions.values());
    }

    @Override
    public int size() {
        return sessions.size();
    }
}
