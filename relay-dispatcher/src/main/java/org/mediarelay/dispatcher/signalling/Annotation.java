package org.mediarelay.dispatcher.signalling;

import java.util.Objects;
import java.util.Optional;

/**
 * Free text a proxy attaches to a call through a command, carried into queries and the CDR: a label for the party that
 * sent the command (ng {@code label}), metadata for the call (ng {@code metadata}), and what the MediaProxy protocol
 * tells of the SIP message: the URI of its sender and of the other party, the sender's user agent, and the proxy's
 * id of the SIP dialog (OpenSIPS' {@code dialog_id}, which its management interface takes to end the dialog).
 */
public record Annotation(Optional<String> label, Optional<String> metadata, Optional<String> senderUri,
                         Optional<String> peerUri, Optional<String> userAgent, Optional<String> dialogId) {

    public static final Annotation NONE = new Annotation(Optional.empty(), Optional.empty());

    public Annotation {
        Objects.requireNonNull(label);
        Objects.requireNonNull(metadata);
        Objects.requireNonNull(senderUri);
        Objects.requireNonNull(peerUri);
        Objects.requireNonNull(userAgent);
        Objects.requireNonNull(dialogId);
    }

    /** A label and metadata only (ng, REST). */
    public Annotation(Optional<String> label, Optional<String> metadata) {
        this(label, metadata, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isEmpty() {
        return label.isEmpty() && metadata.isEmpty() && senderUri.isEmpty() && peerUri.isEmpty() && userAgent.isEmpty()
                && dialogId.isEmpty();
    }
}
