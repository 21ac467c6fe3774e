package org.mediarelay.sdp;

import java.math.BigInteger;
import java.util.List;

/**
 * The {@code o=} field: {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>}
 * (RFC 8866 §5.2). Session id and version are kept as text: they are decimal but may exceed 64 bits.
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addrType,
                     String address) {

    public static final String EXPECTED = "o=<username> <sess-id> <sess-version> <nettype> <addrtype> <address>";

    public static Origin parse(String value) {
        if (!valid(value)) {
            throw new IllegalArgumentException(EXPECTED);
        }
        List<String> t = Tokens.split(value);
        return new Origin(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), t.get(5));
    }

    /** Six fields, the third (the version) decimal. Allocates nothing. */
    public static boolean valid(String value) {
        return valid(value, 0, value.length());
    }

    /** {@link #valid(String)} of {@code s[from, to)}. */
    public static boolean valid(String s, int from, int to) {
        int i = Tokens.skipSpaces(s, from, to);
        for (int field = 0; field < 6; field++) {
            if (i >= to) {
                return false;
            }
            int end = Tokens.tokenEnd(s, i, to);
            if (field == 2 && !Tokens.isDigits(s, i, end)) {
                return false;
            }
            i = Tokens.skipSpaces(s, end, to);
        }
        return i == to;
    }

    public Origin withAddress(AddressType type, String newAddress) {
        return new Origin(username, sessionId, sessionVersion, netType, type.token(), newAddress);
    }

    /** The same origin with the version increased by one, as RFC 3264 §8 requires when the SDP changes. */
    public Origin nextVersion() {
        String next = new BigInteger(sessionVersion).add(BigInteger.ONE).toString();
        return new Origin(username, sessionId, next, netType, addrType, address);
    }

    public String format() {
        return username + " " + sessionId + " " + sessionVersion + " " + netType + " " + addrType + " " + address;
    }
}
