package org.mediarelay.accounting.cdr;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the proxies told of the call, each by party ({@code caller}, {@code callee}): labels (ng {@code label}), SIP URIs
 * and user agents (MediaProxy protocol), the call's metadata (ng {@code metadata}) and the proxy's id of its SIP
 * dialog (MediaProxy protocol {@code dialog_id}), as last given.
 */
public record CdrNotes(Map<String, String> labels, Optional<String> metadata, Map<String, String> uris,
                       Map<String, String> userAgents, Optional<String> dialogId) {

    public static final CdrNotes NONE = new CdrNotes(Map.of(), Optional.empty(), Map.of(), Map.of(), Optional.empty());

    public CdrNotes {
        labels = Map.copyOf(labels);
        Objects.requireNonNull(metadata);
        uris = Map.copyOf(uris);
        userAgents = Map.copyOf(userAgents);
        Objects.requireNonNull(dialogId);
    }

    public CdrNotes(Map<String, String> labels, Optional<String> metadata) {
        this(labels, metadata, Map.of(), Map.of(), Optional.empty());
    }
}
