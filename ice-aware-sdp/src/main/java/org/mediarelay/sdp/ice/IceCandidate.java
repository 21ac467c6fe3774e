package org.mediarelay.sdp.ice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.mediarelay.sdp.CandidateSyntax;
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

    public static final String NAME = CandidateSyntax.CANDIDATE;
    public static final String EXPECTED = CandidateSyntax.CANDIDATE_EXPECTED;

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

    /** {@link #valid(String)} of {@code v[from, to)}: {@link CandidateSyntax#candidate}. */
    public static boolean valid(String v, int from, int to) {
        return CandidateSyntax.candidate(v, from, to);
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
