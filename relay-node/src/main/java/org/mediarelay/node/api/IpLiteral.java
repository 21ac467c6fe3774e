package org.mediarelay.node.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Parses IP address literals without ever asking DNS. An SDP may name a host ({@code host.example.com}); the relay
 * never resolves it on a hot path, it learns such a party's address from its packets instead.
 */
public final class IpLiteral {

    private IpLiteral() {
    }

    /** The address for an IPv4 dotted quad or an IPv6 literal (with or without brackets), else empty. */
    public static Optional<InetAddress> parse(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (s.isEmpty() || !(s.indexOf(':') >= 0 ? isIpv6Shaped(s) : isDottedQuad(s))) {
            return Optional.empty();
        }
        try {
            // For a literal, getByName parses and performs no lookup.
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isDottedQuad(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hex digits, colons and dots (for an embedded IPv4), then an optional {@code %zone}. Anything else could make
     * {@link InetAddress#getByName} fall back to a DNS lookup.
     */
    private static boolean isIpv6Shaped(String s) {
        int zone = s.indexOf('%');
        String addr = zone < 0 ? s : s.substring(0, zone);
        String scope = zone < 0 ? "" : s.substring(zone + 1);
        return !addr.isEmpty()
                && addr.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)
                && scope.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))
                && (zone < 0 || !scope.isEmpty());
    }
}
