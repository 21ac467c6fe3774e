package org.mediarelay.sdp;

import java.util.List;
import java.util.Objects;

/**
 * A {@code c=} field: {@code c=<nettype> <addrtype> <connection-address>} (RFC 8866 §5.7). The address may carry
 * multicast suffixes ({@code /ttl/count}); they are kept in {@code suffix} verbatim.
 */
public record Connection(String netType, String addrType, String address, String suffix) {

    public static final String EXPECTED = "c=<nettype> <addrtype> <address>";

    public Connection {
        Objects.requireNonNull(netType);
        Objects.requireNonNull(addrType);
        Objects.requireNonNull(address);
        Objects.requireNonNull(suffix);
    }

    public static Connection of(AddressType type, String address) {
        return new Connection("IN", type.token(), address, "");
    }

    /** Parses the value after {@code c=}; the message of the exception says what was expected. */
    public static Connection parse(String value) {
        if (!valid(value)) {
            throw new IllegalArgumentException(EXPECTED);
        }
        List<String> t = Tokens.split(value);
        String addr = t.get(2);
        int slash = addr.indexOf('/');
        return slash < 0
                ? new Connection(t.get(0), t.get(1), addr, "")
                : new Connection(t.get(0), t.get(1), addr.substring(0, slash), addr.substring(slash));
    }

    /** Three fields, the address not starting with its multicast suffix. Allocates nothing. */
    public static boolean valid(String value) {
        return valid(value, 0, value.length());
    }

    /** {@link #valid(String)} of {@code s[from, to)}. */
    public static boolean valid(String s, int from, int to) {
        int i = Tokens.skipSpaces(s, from, to);
        for (int field = 0; field < 3; field++) {
            if (i >= to || (field == 2 && s.charAt(i) == '/')) {
                return false;
            }
            i = Tokens.skipSpaces(s, Tokens.tokenEnd(s, i, to), to);
        }
        return i == to;
    }

    /** {@link #isUnspecified()} of a {@code c=} value, without parsing it into a record. */
    public static boolean isUnspecified(String value) {
        return isUnspecified(value, 0, value.length());
    }

    /** {@link #isUnspecified(String)} of {@code s[from, to)}. */
    public static boolean isUnspecified(String s, int from, int to) {
        int i = Tokens.skipSpaces(s, from, to);
        i = Tokens.skipSpaces(s, Tokens.tokenEnd(s, i, to), to);
        int start = Tokens.skipSpaces(s, Tokens.tokenEnd(s, i, to), to);
        int end = start;
        while (end < to && s.charAt(end) != ' ' && s.charAt(end) != '/') {
            end++;
        }
        return end - start == 7 && s.startsWith("0.0.0.0", start) || end - start == 2 && s.startsWith("::", start);
    }

    /**
     * True when the address says "no media here": {@code 0.0.0.0} is RFC 2543 hold, still sent by many endpoints
     * (RFC 3264 §8.4); {@code ::} is its IPv6 counterpart.
     */
    public boolean isUnspecified() {
        return address.equals("0.0.0.0") || address.equals("::");
    }

    public Connection withAddress(AddressType type, String newAddress) {
        return new Connection(netType, type.token(), newAddress, suffix);
    }

    public String format() {
        return netType + " " + addrType + " " + address + suffix;
    }
}
