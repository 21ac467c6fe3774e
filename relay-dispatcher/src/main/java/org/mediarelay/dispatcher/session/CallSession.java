package org.mediarelay.dispatcher.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.mediarelay.node.api.Party;

/**
 * What the dispatcher remembers of one call. Immutable: every change makes a new record, stored in place of the old.
 *
 * @param sessionId  unique id of this session on its node (and of its CDR)
 * @param callerTag  the From tag of the initial offer; the party with this tag is the {@link Party#CALLER}
 * @param calleeTag  the tag of the answering party, once an answer was seen
 * @param nodeId     the relay node that carries the call's media
 */
public record CallSession(String sessionId, String callId, String callerTag, Optional<String> calleeTag,
                          String nodeId, String mediaAddress, Instant created, Optional<Instant> answered) {

    public CallSession {
        Objects.requireNonNull(sessionId);
        Objects.requireNonNull(callId);
        Objects.requireNonNull(callerTag);
        Objects.requireNonNull(nodeId);
        Objects.requireNonNull(created);
    }

    /** The party a tag belongs to, if any. */
    public Optional<Party> partyOf(String tag) {
        if (tag.equals(callerTag)) {
            return Optional.of(Party.CALLER);
        }
        return calleeTag.filter(tag::equals).map(t -> Party.CALLEE);
    }

    public CallSession answeredBy(String tag, String address, Instant at) {
        return new CallSession(sessionId, callId, callerTag, Optional.of(tag), nodeId, address, created,
                Optional.of(answered.orElse(at)));
    }

    public CallSession withMediaAddress(String address) {
        return new CallSession(sessionId, callId, callerTag, calleeTag, nodeId, address, created, answered);
    }
}
