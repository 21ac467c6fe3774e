package org.mediarelay.dispatcher.command;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.mediarelay.dispatcher.session.CallSession;
import org.mediarelay.dispatcher.session.StreamSdp;
import org.mediarelay.node.api.Party;

/**
 * What the dispatcher shows of one call to its front doors (ng, MediaProxy, REST, the live page): who, where, when,
 * and what the signalling attached. A copy: none of the state the dispatcher works with (terms, branches, the SDP
 * versions it sent) leaks through it.
 *
 * @param labels     per party, the label the proxy gave it
 * @param uris       per party, its SIP URI as the proxy told it
 * @param userAgents per party, its user agent
 * @param codecs     per party, per stream index, the codecs its latest SDP offered, in its order
 */
public record CallView(String callId, String sessionId, String nodeId, String mediaAddress, String callerTag,
                       Optional<String> calleeTag, Instant created, Optional<Instant> answered, Instant lastSignal,
                       Map<Party, String> labels, Optional<String> metadata, Map<Party, String> uris,
                       Map<Party, String> userAgents, Map<Party, Map<Integer, List<String>>> codecs) {

    public CallView {
        Objects.requireNonNull(callId);
        Objects.requireNonNull(sessionId);
        Objects.requireNonNull(created);
        labels = Map.copyOf(labels);
        uris = Map.copyOf(uris);
        userAgents = Map.copyOf(userAgents);
        codecs = Map.copyOf(codecs);
    }

    /** The view of a session as it is now. */
    public static CallView of(CallSession s) {
        Map<Party, Map<Integer, List<String>>> codecs = new EnumMap<>(Party.class);
        s.annotations().sdp().forEach((party, streams) -> {
            Map<Integer, List<String>> byIndex = new TreeMap<>();
            for (StreamSdp st : streams) {
                byIndex.put(st.index(), st.codecs());
            }
            codecs.put(party, byIndex);
        });
        return new CallView(s.callId(), s.sessionId(), s.nodeId(), s.mediaAddress(), s.callerTag(), s.calleeTag(),
                s.created(), s.answered(), s.lastSignal(), s.annotations().labels(), s.annotations().metadata(),
                s.annotations().uris(), s.annotations().userAgents(), codecs);
    }

    /** A party's tag: the caller's From tag, the callee's once it answered. */
    public Optional<String> tagOf(Party party) {
        return party == Party.CALLER ? Optional.of(callerTag) : calleeTag;
    }

    public Optional<String> label(Party party) {
        return Optional.ofNullable(labels.get(party));
    }

    /** The codecs {@code party}'s latest SDP offered on stream {@code index}, if it described that stream. */
    public Optional<List<String>> codecs(Party party, int index) {
        return Optional.ofNullable(codecs.getOrDefault(party, Map.of()).get(index));
    }
}
