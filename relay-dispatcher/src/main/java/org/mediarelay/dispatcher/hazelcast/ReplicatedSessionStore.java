package org.mediarelay.dispatcher.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.mediarelay.dispatcher.session.CallSession;
import org.mediarelay.dispatcher.session.CallSessionJson;
import org.mediarelay.dispatcher.session.SessionStore;

/**
 * Sessions every member holds a copy of (a Hazelcast replicated map, {@value #NAME}): reads are local and never block
 * an event loop, writes go out asynchronously to the other members. When a dispatcher dies, the others still know
 * its calls and serve their re-offers, answers and deletes. A write reaches the others within milliseconds; proxies
 * send one call's messages to one dispatcher (Kamailio hashes the Call-ID), so two dispatchers rarely work on one
 * call at once.
 */
public final class ReplicatedSessionStore implements SessionStore {

    static final String NAME = "mediarelay.sessions";

    private final ReplicatedMap<String, String> sessions;

    public ReplicatedSessionStore(HazelcastInstance hazelcast) {
        this.sessions = hazelcast.getReplicatedMap(NAME);
    }

    @Override
    public Optional<CallSession> get(String callId) {
        return Optional.ofNullable(sessions.get(callId)).map(json -> CallSessionJson.decode(new JsonObject(json)));
    }

    @Override
    public void put(CallSession session) {
        sessions.put(session.callId(), CallSessionJson.encode(session).encode());
    }

    @Override
    public void remove(String callId) {
        sessions.remove(callId);
    }

    @Override
    public Collection<CallSession> all() {
        return sessions.values().stream().map(json -> CallSessionJson.decode(new JsonObject(json))).toList();
    }

    @Override
    public int size() {
        return sessions.size();
    }
}
