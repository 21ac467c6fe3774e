package org.mediarelay.control.mediaproxy;

/** A MediaProxy request that cannot be carried out as sent; the message says why (for the log: the reply is error). */
final class MpRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    MpRequestException(String message) {
        super(message);
    }
}
