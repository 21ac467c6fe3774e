package org.mediarelay.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * The syntax of the two ICE attributes the parser checks (RFC 8839 §5.1, §5.2), here so that the parser needs
 * nothing above this package; {@code sdp.ice}'s records read them with these checks.
 */
public final class CandidateSyntax {

    public static final String CANDIDATE = "candidate";
    public static final String CANDIDATE_EXPECTED = "a=candidate:<foundation> <component> <transport> <priority> "
            + "<address> <port> typ <type> [raddr <address>] [rport <port>] [<name> <value>]...";
    public static final String REMOTE_CANDIDATES = "remote-candidates";
    public static final String REMOTE_CANDIDATES_EXPECTED = "a=remote-candidates:<component> <address> <port> [...]";
    /** Ten digits: larger values are invalid (above 2^32) but must still be parsed to be forwarded. */
    private static final int MAX_PRIORITY_DIGITS = 10;

    private CandidateSyntax() {
    }

    /**
     * Whether {@code v[from, to)} (e.g. the part of an SDP body after {@code a=candidate:}) is a candidate, without
     * allocating: eight fields ({@code typ} the seventh, component 1..256, priority of 1 to 10 digits, port 0..65535),
     * then name/value pairs; an {@code rport} before any extension is a port. Leading {@code raddr}/{@code rport} are
     * the related address; the same names later are extensions. Runs for every candidate of every SDP: digits are read
     * only in the numeric fields, and once an extension pair has been seen the rest are only counted.
     */
    public static boolean candidate(String v, int from, int to) {
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

    /**
     * The tokens of an {@code a=remote-candidates} value (after the colon): one or more triples of component (1..256),
     * address and port (0..65535).
     *
     * @throws IllegalArgumentException with {@link #REMOTE_CANDIDATES_EXPECTED} when it is not that
     */
    public static List<String> remoteCandidates(String value) {
        List<String> t = new ArrayList<>();
        for (String s : value.split(" ")) {
            if (!s.isEmpty()) {
                t.add(s);
            }
        }
        if (t.isEmpty() || t.size() % 3 != 0) {
            throw new IllegalArgumentException(REMOTE_CANDIDATES_EXPECTED);
        }
        try {
            for (int i = 0; i < t.size(); i += 3) {
                int component = Integer.parseInt(t.get(i));
                int port = Integer.parseInt(t.get(i + 2));
                if (component < 1 || component > 256 || port < 0 || port > 65535) {
                    throw new IllegalArgumentException(REMOTE_CANDIDATES_EXPECTED);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(REMOTE_CANDIDATES_EXPECTED, e);
        }
        return t;
    }
}
