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

    /**
     * {@code 192.0.2.1:4000}, or {@code [2001:db8::1]:4000}: an address and port as CDRs and logs write them, the
     * address as {@link #text} has it (no zone: a link-local source's {@code %eth0} says nothing to a billing system).
     */
    public static String hostPort(InetAddress address, int port) {
        String ip = text(address);
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }

    /**
     * An address as RFC 5952 §4 writes it: IPv4 dotted, IPv6 in lower case with leading zeros dropped and the longest
     * run of two or more zero groups (the first of equal runs) as {@code ::}. Java's own text keeps every group.
     */
    public static String text(InetAddress address) {
        if (!(address instanceof java.net.Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** Four decimal parts of one to three digits, each at most 255; read in place (it runs on every offer). */
    private static boolean isDottedQuad(String s) {
        int parts = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || value > 255 || ++parts > 4) {
                    return false;
                }
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else {
                return false;
            }
        }
        return parts == 4;
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
