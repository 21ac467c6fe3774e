package org.mediarelay.dispatcher.session;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mediarelay.dispatcher.command.Annotation;
import org.mediarelay.node.api.Party;

/**
 * What proxies attached to a call: a label, a URI and a user agent per party, and the call's metadata — the last given
 * of each.
 */
public record Annotations(Map<Party, String> labels, Optional<String> metadata, Map<Party, String> uris,
                          Map<Party, String> userAgents) {

    public static final Annotations NONE = new Annotations(Map.of(), Optional.empty(), Map.of(), Map.of());

    public Annotations {
        labels = Map.copyOf(labels);
        Objects.requireNonNull(metadata);
        uris = Map.copyOf(uris);
        userAgents = Map.copyOf(userAgents);
    }

    /** These annotations with what {@code party}'s command added. */
    public Annotations with(Party party, Annotation a) {
        if (a.isEmpty()) {
            return this;
        }
        Party other = party == Party.CALLER ? Party.CALLEE : Party.CALLER;
        return new Annotations(put(labels, party, a.label()), a.metadata().or(() -> metadata),
                put(put(uris, party, a.senderUri()), other, a.peerUri()), put(userAgents, party, a.userAgent()));
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
