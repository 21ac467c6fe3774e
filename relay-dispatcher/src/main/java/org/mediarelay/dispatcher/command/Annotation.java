package org.mediarelay.dispatcher.command;

import java.util.Objects;
import java.util.Optional;

/**
 * Free text a proxy attaches to a call through a command, carried into queries and the CDR: a label for the party that
 * sent the command (ng {@code label}) and metadata for the call (ng {@code metadata}).
 */
public record Annotation(Optional<String> label, Optional<String> metadata) {

    public static final Annotation NONE = new Annotation(Optional.empty(), Optional.empty());

    public Annotation {
        Objects.requireNonNull(label);
        Objects.requireNonNull(metadata);
    }
}
