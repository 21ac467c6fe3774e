package org.mediarelay.sdp.ice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The value of an {@code a=candidate} attribute (RFC 8839 §5.1):
 *
 * <pre>
 * candidate-attribute = "candidate" ":" foundation SP component-id SP transport SP priority SP
 *                       connection-address SP port SP "typ" SP cand-type
 *                       [SP "raddr" SP connection-address] [SP "rport" SP port]
 *                       *(SP extension-att-name SP extension-att-value)
 * </pre>
 *
 * Every field is kept, extension pairs in order, so {@link #format()} of a parsed candidate gives the same fields
 * back. The address may be IPv4, IPv6, an FQDN or an mDNS name ({@code ....local}); it is not resolved.
 */
public record IceCandidate(String foundation, int component, String transport, long priority, String address,
                           int port, CandidateType type, Optional<String> relatedAddress, OptionalInt relatedPort,
                           List<CandidateExtension> extensions) {

    public static final String NAME = "candidate";
    static final String EXPECTED = "a=candidate:<foundation> <component> <transport> <priority> <address> <port> "
            + "typ <type> [raddr <address>] [rport <port>] [<name> <value>]...";
    /** Ten digits: larger values are invalid (above 2^32) but must still be parsed to be forwarded. */
    private static final int MAX_PRIORITY_DIGITS = 10;

    public IceCandidate {
        Objects.requireNonNull(foundation);
        Objects.requireNonNull(transport);
        Objects.requireNonNull(address);
        Objects.requireNonNull(type);
        extensions = List.copyOf(extensions);
    }

    /** Parses the value after {@code a=candidate:}. */
    public static IceCandidate parse(String value) {
        List<String> t = split(value);
        if (t.size() < 8 || !t.get(6).equalsIgnoreCase("typ")) {
            throw new IllegalArgumentException(EXPECTED);
        }
        int component = number(t.get(1), 256, 1);
        long priority = priority(t.get(3));
        int port = number(t.get(5), 65535, 0);
        CandidateType type = new CandidateType(t.get(7));
        Optional<String> raddr = Optional.empty();
        OptionalInt rport = OptionalInt.empty();
        List<CandidateExtension> ext = new ArrayList<>();
        int i = 8;
        if ((t.size() - i) % 2 != 0) {
            throw new IllegalArgumentException(EXPECTED);
        }
        for (; i < t.size(); i += 2) {
            String name = t.get(i);
            String v = t.get(i + 1);
            if (name.equals("raddr") && ext.isEmpty() && raddr.isEmpty() && rport.isEmpty()) {
                raddr = Optional.of(v);
            } else if (name.equals("rport") && ext.isEmpty() && rport.isEmpty()) {
                rport = OptionalInt.of(number(v, 65535, 0));
            } else {
                ext.add(new CandidateExtension(name, v));
            }
        }
        return new IceCandidate(t.get(0), component, t.get(2), priority, t.get(4), port, type, raddr, rport, ext);
    }

    public boolean isUdp() {
        return transport.toUpperCase(Locale.ROOT).equals("UDP");
    }

    public String format() {
        StringBuilder b = new StringBuilder(96);
        b.append(foundation).append(' ').append(component).append(' ').append(transport).append(' ').append(priority)
                .append(' ').append(address).append(' ').append(port).append(" typ ").append(type.token());
        relatedAddress.ifPresent(a -> b.append(" raddr ").append(a));
        relatedPort.ifPresent(p -> b.append(" rport ").append(p));
        for (CandidateExtension e : extensions) {
            b.append(' ').append(e.name()).append(' ').append(e.value());
        }
        return b.toString();
    }

    private static List<String> split(String value) {
        List<String> out = new ArrayList<>(16);
        for (String s : value.split(" ")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static int number(String s, int max, int min) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(EXPECTED);
        }
        int v = Integer.parseInt(s);
        if (v < min || v > max) {
            throw new IllegalArgumentException(EXPECTED);
        }
        return v;
    }

    private static long priority(String s) {
        if (s.isEmpty() || s.length() > MAX_PRIORITY_DIGITS || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(EXPECTED);
        }
        return Long.parseLong(s);
    }
}
