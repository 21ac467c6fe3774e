package org.mediarelay.node.forward;

/** A media port could not be bound, typically because another socket holds it. */
public final class PortBindException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int port;

    public PortBindException(int port, Throwable cause) {
        super("cannot bind media port " + port + ": " + cause.getMessage(), cause, false, false);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
