package org.mediarelay.dispatcher.command;

import java.util.Objects;
import java.util.Optional;

/** The end of a call: close its session and write its CDR. */
public record DeleteCommand(String callId, String fromTag, Optional<String> toTag) {

    public DeleteCommand {
        Objects.requireNonNull(callId);
        Objects.requireNonNull(fromTag);
    }
}
