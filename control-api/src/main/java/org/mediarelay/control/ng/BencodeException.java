package org.mediarelay.control.ng;

/** Input that is not valid bencode; the message says what was expected and at which byte offset. */
public final class BencodeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final boolean truncated;

    public BencodeException(String message) {
        this(message, false);
    }

    private BencodeException(String message, boolean truncated) {
        super(message);
        this.truncated = truncated;
    }

    /** The input ended before the value did: more bytes could make it valid. */
    static BencodeException truncated(String message) {
        return new BencodeException("truncated: " + message, true);
    }

    public boolean truncated() {
        return truncated;
    }
}
