package org.mediarelay.node.forward;

/**
 * No media socket could be made at all, typically because the process reached its open-file limit. Unlike a port
 * that cannot be bound ({@link PortBindException}), trying other ports does not help.
 */
public final class SocketOpenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SocketOpenException(Throwable cause) {
        super("cannot open a media socket: " + cause.getMessage(), cause, false, false);
    }
}
