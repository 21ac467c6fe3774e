package org.mediarelay.sdp;

import java.util.List;
import java.util.Optional;

/**
 * The value of {@code a=rtcp:<port> [<nettype> <addrtype> <connection-address>]} (RFC 3605 §2.1): where the party
 * wants RTCP when it is not on the RTP port + 1, as {@link MediaSection#rtcp()} reads it. The relay's rewrite of the
 * line works in place on the received text ({@code relay.MediaTransforms.relayRtcp}), keeping every other byte.
 */
public record RtcpAttribute(int port, Optional<Connection> connection) {

    public static final String NAME = "rtcp";
    public static final String EXPECTED = "a=rtcp:<port> [<nettype> <addrtype> <address>]";

    public static RtcpAttribute parse(String value) {
        if (!valid(value)) {
            throw new IllegalArgumentException(EXPECTED);
        }
        List<String> t = Tokens.split(value);
        int port = Tokens.port(t.get(0));
        Optional<Connection> c = t.size() == 1
                ? Optional.empty()
                : Optional.of(new Connection(t.get(1), t.get(2), t.get(3), ""));
        return new RtcpAttribute(port, c);
    }

    /** A port, alone or followed by exactly three connection fields. Allocates nothing. */
    public static boolean valid(String value) {
        return valid(value, 0, value.length());
    }

    /** {@link #valid(String)} of {@code s[from, to)} (e.g. the part of an SDP body after {@code a=rtcp:}). */
    public static boolean valid(String s, int from, int to) {
        int start = Tokens.skipSpaces(s, from, to);
        int end = Tokens.tokenEnd(s, start, to);
        if (Tokens.port(s, start, end) < 0) {
            return false;
        }
        int fields = Tokens.count(s, end, to);
        return fields == 0 || fields == 3;
    }

    /** The attribute value, without {@code rtcp:}. */
    public String format() {
        return connection.map(c -> port + " " + c.format()).orElse(Integer.toString(port));
    }
}
