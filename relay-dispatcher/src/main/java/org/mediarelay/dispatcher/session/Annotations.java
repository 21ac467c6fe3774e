package org.mediarelay.dispatcher.session;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mediarelay.dispatcher.signalling.Annotation;
import org.mediarelay.node.api.Party;

/**
 * What the signalling told of a call, for its CDR: a label, a URI, a user agent and the streams of the latest SDP per
 * party, the call's metadata, and the proxy's id of its SIP dialog — the last given of each.
 */
public record Annotations(Map<Party, String> labels, Optional<String> metadata, Map<Party, String> uris,
                          Map<Party, String> userAgents, Map<Party, List<StreamSdp>> sdp, Optional<String> dialogId) {

    public static final Annotations NONE = new Annotations(Map.of(), Optional.empty(), Map.of(), Map.of(), Map.of(),
            Optional.empty());

    public Annotations {
        labels = Map.copyOf(labels);
        Objects.requireNonNull(metadata);
        uris = Map.copyOf(uris);
        userAgents = Map.copyOf(userAgents);
        sdp = Map.copyOf(sdp);
        Objects.requireNonNull(dialogId);
    }

    /** These annotations with {@code party}'s latest SDP streams. */
    public Annotations withSdp(Party party, List<StreamSdp> streams) {
        Map<Party, List<StreamSdp>> next = new EnumMap<>(Party.class);
        next.putAll(sdp);
        next.put(party, List.copyOf(streams));
        return new Annotations(labels, metadata, uris, userAgents, next, dialogId);
    }

    /** What {@code party}'s latest SDP said of stream {@code index}. */
    public Optional<StreamSdp> sdp(Party party, int index) {
        return sdp.getOrDefault(party, List.of()).stream().filter(s -> s.index() == index).findFirst();
    }

    /** These annotations with what {@code party}'s command added. */
    public Annotations with(Party party, Annotation a) {
        if (a.isEmpty()) {
            return this;
        }
        Party other = party == Party.CALLER ? Party.CALLEE : Party.CALLER;
        return new Annotations(put(labels, party, a.label()), a.metadata().or(() -> metadata),
                put(put(uris, party, a.senderUri()), other, a.peerUri()), put(userAgents, party, a.userAgent()), sdp,
                a.dialogId().or(() -> dialogId));
    }

    private static Map<Party, String> put(Map<Party, String> m, Party p, Optional<String> v) {
        if (v.isEmpty() || v.get().equals(m.get(p))) {
            return m;
        }
        Map<Party, String> next = new EnumMap<>(Party.class);
        next.putAll(m);
        next.put(p, v.get());
        return next;
    }

    public Optional<String> label(Party party) {
        return Optional.ofNullable(labels.get(party));
    }
}
