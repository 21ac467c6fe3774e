package org.mediarelay.sdp;

import java.util.List;
import java.util.Optional;

/**
 * The value of {@code a=rtcp:<port> [<nettype> <addrtype> <connection-address>]} (RFC 3605 §2.1): where the party
 * wants RTCP when it is not on the RTP port + 1.
 */
public record RtcpAttribute(int port, Optional<Connection> connection) {

    public static final String NAME = "rtcp";
    static final String EXPECTED = "a=rtcp:<port> [<nettype> <addrtype> <address>]";

    public static RtcpAttribute parse(String value) {
        List<String> t = Tokens.split(value);
        if (t.size() != 1 && t.size() != 4) {
            throw new IllegalArgumentException(EXPECTED);
        }
        int port = Tokens.port(t.get(0));
        if (port < 0) {
            throw new IllegalArgumentException(EXPECTED);
        }
        Optional<Connection> c = t.size() == 1
                ? Optional.empty()
                : Optional.of(new Connection(t.get(1), t.get(2), t.get(3), ""));
        return new RtcpAttribute(port, c);
    }

    public RtcpAttribute withPort(int newPort) {
        return new RtcpAttribute(newPort, connection);
    }

    public RtcpAttribute withAddress(AddressType type, String address) {
        return new RtcpAttribute(port, connection.map(c -> c.withAddress(type, address)));
    }

    /** The attribute value, without {@code rtcp:}. */
    public String format() {
        return connection.map(c -> port + " " + c.format()).orElse(Integer.toString(port));
    }
}
