package org.mediarelay.dispatcher.command;

import java.util.Objects;

/**
 * A command that could not be carried out. The reason is for people (logs, the proxy's error line); the code is for
 * programs. Nothing of the call changed, unless the reason says otherwise.
 */
public record Failure(ErrorCode code, String reason)
        implements SdpOutcome, DeleteOutcome, QueryOutcome, StreamsOutcome {

    public Failure {
        Objects.requireNonNull(code);
        Objects.requireNonNull(reason);
    }
}
