package org.mediarelay.control.ng;

/** Input that is not valid bencode; the message says what was expected and at which byte offset. */
public final class BencodeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public BencodeException(String message) {
        super(message);
    }
}
