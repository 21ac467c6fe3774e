package org.mediarelay.sdp;

import java.util.Optional;

/** The {@code <addrtype>} of {@code c=}, {@code o=} and {@code a=rtcp} (RFC 8866 §5.7). */
public enum AddressType {
    IP4("IP4"),
    IP6("IP6");

    private final String token;

    AddressType(String token) {
        this.token = token;
    }

    /** The token as written in SDP. */
    public String token() {
        return token;
    }

    /** The known type for a token, or empty for one the relay does not handle (it then passes through). */
    public static Optional<AddressType> fromToken(String token) {
        for (AddressType t : values()) {
            if (t.token.equals(token)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type of a literal address: IPv6 literals contain a colon, everything else (IPv4, FQDN) is IP4. */
    public static AddressType ofLiteral(String address) {
        return address.indexOf(':') >= 0 ? IP6 : IP4;
    }
}
