package org.mediarelay.dispatcher.session;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mediarelay.dispatcher.command.Annotation;
import org.mediarelay.node.api.Party;

/** What proxies attached to a call: a label per party and the call's metadata, the last given of each. */
public record Annotations(Map<Party, String> labels, Optional<String> metadata) {

    public static final Annotations NONE = new Annotations(Map.of(), Optional.empty());

    public Annotations {
        labels = Map.copyOf(labels);
        Objects.requireNonNull(metadata);
    }

    /** These annotations with what {@code party}'s command added. */
    public Annotations with(Party party, Annotation a) {
        if (a.label().isEmpty() && a.metadata().isEmpty()) {
            return this;
        }
        Map<Party, String> next = new EnumMap<>(Party.class);
        next.putAll(labels);
        a.label().ifPresent(l -> next.put(party, l));
        return new Annotations(next, a.metadata().or(() -> metadata));
    }

    public Optional<String> label(Party party) {
        return Optional.ofNullable(labels.get(party));
    }
}
