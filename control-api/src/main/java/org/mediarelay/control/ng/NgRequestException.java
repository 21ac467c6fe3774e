package org.mediarelay.control.ng;

/** A well-formed message that is not a valid ng request (missing key, wrong type); answered with {@code error}. */
public final class NgRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public NgRequestException(String message) {
        super(message);
    }
}
