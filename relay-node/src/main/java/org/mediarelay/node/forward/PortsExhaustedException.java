package org.mediarelay.node.forward;

/** The port pool ran dry while pairs were being taken for a request: a normal answer to report, not a fault. */
public final class PortsExhaustedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PortsExhaustedException() {
        super("port pool exhausted", null, false, false);
    }
}
