package org.mediarelay.accounting.cdr;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the proxies attached to the call: a label per party ({@code caller}, {@code callee}; ng {@code label}) and the
 * call's metadata (ng {@code metadata}), as last given.
 */
public record CdrNotes(Map<String, String> labels, Optional<String> metadata) {

    public static final CdrNotes NONE = new CdrNotes(Map.of(), Optional.empty());

    public CdrNotes {
        labels = Map.copyOf(labels);
        Objects.requireNonNull(metadata);
    }
}
