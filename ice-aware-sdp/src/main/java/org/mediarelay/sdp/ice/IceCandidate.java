package org.mediarelay.sdp.ice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.mediarelay.sdp.Tokens;

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
    public static final String EXPECTED = "a=candidate:<foundation> <component> <transport> <priority> <address> <port> "
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
        if (!valid(value)) {
            throw new IllegalArgumentException(EXPECTED);
        }
        List<String> t = Tokens.split(value);
        Optional<String> raddr = Optional.empty();
        OptionalInt rport = OptionalInt.empty();
        List<CandidateExtension> ext = new ArrayList<>();
        for (int i = 8; i < t.size(); i += 2) {
            String name = t.get(i);
            String v = t.get(i + 1);
            if (name.equals("raddr") && ext.isEmpty() && raddr.isEmpty() && rport.isEmpty()) {
                raddr = Optional.of(v);
            } else if (name.equals("rport") && ext.isEmpty() && rport.isEmpty()) {
                rport = OptionalInt.of(Tokens.port(v, 0, v.length()));
            } else {
                ext.add(new CandidateExtension(name, v));
            }
        }
        return new IceCandidate(t.get(0), Integer.parseInt(t.get(1)), t.get(2), Long.parseLong(t.get(3)), t.get(4),
                Integer.parseInt(t.get(5)), new CandidateType(t.get(7)), raddr, rport, ext);
    }

    /**
     * The grammar check, without allocating: eight fields ({@code typ} the seventh, component 1..256, priority of 1 to
     * 10 digits, port 0..65535), then name/value pairs; an {@code rport} before any extension is a port. Leading
     * {@code raddr}/{@code rport} are the related address; the same names later are extensions.
     */
    public static boolean valid(String v) {
        return valid(v, 0, v.length());
    }

    /**
     * {@link #valid(String)} of {@code v[from, to)} (e.g. the part of an SDP body after {@code a=candidate:}). Runs
     * for every candidate of every SDP: digits are read only in the numeric fields, and once an extension pair has
     * been seen the rest are only counted.
     */
    public static boolean valid(String v, int from, int to) {
        int field = 0;
        int name = -1;
        int nameLength = 0;
        boolean extensions = false;
        boolean raddr = false;
        boolean rport = false;
        for (int i = Tokens.skipSpaces(v, from, to); i < to; i = Tokens.skipSpaces(v, i, to)) {
            int end = Tokens.tokenEnd(v, i, to);
            switch (field) {
                case 0, 2, 4, 7:
                    break;
                case 1:
                    long component = Tokens.decimal(v, i, end, 3);
                    if (component < 1 || component > 256) {
                        return false;
                    }
                    break;
                case 3:
                    if (Tokens.decimal(v, i, end, MAX_PRIORITY_DIGITS) < 0) {
                        return false;
                    }
                    break;
                case 5:
                    if (Tokens.port(v, i, end) < 0) {
                        return false;
                    }
                    break;
                case 6:
                    if (end - i != 3 || (v.charAt(i) | 0x20) != 't' || (v.charAt(i + 1) | 0x20) != 'y'
                            || (v.charAt(i + 2) | 0x20) != 'p') {
                        return false;
                    }
                    break;
                default:
                    if ((field & 1) == 0) {
                        name = i;
                        nameLength = end - i;
                    } else if (!extensions) {
                        boolean related = nameLength == 5 && v.charAt(name) == 'r';
                        if (related && !raddr && !rport && v.startsWith("raddr", name)) {
                            raddr = true;
                        } else if (related && !rport && v.startsWith("rport", name)) {
                            if (Tokens.port(v, i, end) < 0) {
                                return false;
                            }
                            rport = true;
                        } else {
                            extensions = true;
                        }
                    }
                    break;
            }
            field++;
            i = end;
        }
        return field >= 8 && (field & 1) == 0;
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
}
