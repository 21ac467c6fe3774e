package org.mediarelay.sdp;

import java.util.List;
import java.util.Objects;

/**
 * A {@code c=} field: {@code c=<nettype> <addrtype> <connection-address>} (RFC 8866 §5.7). The address may carry
 * multicast suffixes ({@code /ttl/count}); they are kept in {@code suffix} verbatim.
 */
public record Connection(String netType, String addrType, String address, String suffix) {

    static final String EXPECTED = "c=<nettype> <addrtype> <address>";

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
        List<String> t = Tokens.split(value);
        if (t.size() != 3 || t.get(2).startsWith("/")) {
            throw new IllegalArgumentException(EXPECTED);
        }
        String addr = t.get(2);
        int slash = addr.indexOf('/');
        return slash < 0
                ? new Connection(t.get(0), t.get(1), addr, "")
                : new Connection(t.get(0), t.get(1), addr.substring(0, slash), addr.substring(slash));
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
