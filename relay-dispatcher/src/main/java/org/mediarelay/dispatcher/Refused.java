package org.mediarelay.dispatcher;

import org.mediarelay.dispatcher.command.ErrorCode;
import org.mediarelay.dispatcher.command.Failure;

/**
 * Carries an expected {@link Failure} through a chain of futures to the point where it becomes the command's
 * outcome. No stack trace: it is not a bug.
 */
final class Refused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Failure failure;

    Refused(ErrorCode code, String reason) {
        super(reason, null, false, false);
        this.failure = new Failure(code, reason);
    }

    Failure failure() {
        return failure;
    }
}
