package org.mediarelay.node.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/** IPv4 or IPv6, by the tokens SDP and the ng protocol use ({@code IP4}, {@code IP6}). */
public enum AddressFamily {
    IP4, IP6;

    public static AddressFamily of(InetAddress address) {
        return address instanceof Inet6Address ? IP6 : IP4;
    }

    /** The family of an IP literal as {@link IpLiteral#text} writes it (only IPv6 has colons). */
    public static AddressFamily ofLiteral(String literal) {
        return literal.indexOf(':') >= 0 ? IP6 : IP4;
    }

    public static Optional<AddressFamily> parse(String token) {
        return switch (token) {
            case "IP4" -> Optional.of(IP4);
            case "IP6" -> Optional.of(IP6);
            default -> Optional.empty();
        };
    }

    /** {@code IPv4} or {@code IPv6}, for people. */
    public String label() {
        return this == IP4 ? "IPv4" : "IPv6";
    }
}
