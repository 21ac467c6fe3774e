package org.mediarelay.sdp.relay;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.mediarelay.sdp.SdpLine;
import org.mediarelay.sdp.SectionEdit;
import org.mediarelay.sdp.SectionEditor;
import org.mediarelay.sdp.Tokens;
import org.mediarelay.sdp.ice.IceCandidate;
import org.mediarelay.sdp.ice.IcePriority;

/**
 * Inserts the relay as an ICE candidate of a stream, so that the rewritten default address is itself a candidate.
 * Without it the peer sees a default destination that is in no {@code a=candidate} line, an ICE mismatch
 * (RFC 8839 §4.3.2 / RFC 8445 §5.4), and gives up on ICE.
 *
 * <p>The lines go before the first endpoint candidate: {@code typ relay}, component 1 on the relay's RTP port and,
 * when the endpoint offered component 2, component 2 on its RTCP port (with no endpoint candidate yet, as a trickle
 * ICE offer may be: component 2 unless the section muxes RTCP; then before {@code a=end-of-candidates}, if any),
 * {@code raddr}/{@code rport} set to the relay address (RFC 5245 §15.1: non-host candidates carry them), each priority
 * below every endpoint candidate of its component ({@link IcePriority#relayBelow}), and a foundation derived from the
 * relay address only, so that the same relay always gives the same foundation, distinct from every endpoint
 * foundation.
 */
public final class RelayCandidates {

    /** RFC 8839 §5.1: a foundation is 1 to 32 ice-chars. */
    private static final int MAX_FOUNDATION = 32;
    private static final int VALUE = IceCandidate.NAME.length() + 1;

    private RelayCandidates() {
    }

    public static SectionEdit inserted(RelayEndpoint relay) {
        String base = "R" + addressHex(relay.address());
        return e -> {
            Scan scan = new Scan(relay, base);
            int first = -1;
            for (int i = 0; i < e.size(); i++) {
                SdpLine l = e.get(i);
                if (l.firstChar() == 'c' && l.isAttribute(IceCandidate.NAME)) {
                    l.readValue(scan);
                    first = first < 0 ? i : first;
                }
            }
            int at = first >= 0 ? first : endOfCandidates(e);
            String foundation = scan.baseTaken ? foundation(base, e) : base;
            // Without any endpoint candidate yet (trickle ICE, RFC 8838 §4.1.1: an offer may carry none), the
            // components are those the stream will use: RTCP has its own unless the section muxes it (RFC 5761
            // §5.1.3).
            boolean component2 = first >= 0 ? scan.component2 : e.indexOfAttribute(RtcpMux.NAME) < 0;
            if (component2 && !scan.present2) {
                e.insert(at, e.attribute(line(foundation, 2, relay.rtcpPort(), scan.lowest2, relay)));
            }
            if (!scan.present1) {
                e.insert(at, e.attribute(line(foundation, 1, relay.rtpPort(), scan.lowest1, relay)));
            }
        };
    }

    /** Where {@code a=end-of-candidates} is, else the end of the section. */
    private static int endOfCandidates(SectionEditor e) {
        int end = e.indexOfAttribute("end-of-candidates");
        return end >= 0 ? end : e.size();
    }

    /**
     * What the endpoint's candidates say, read in place: the lowest priority per component, whether ours is already
     * there, and whether an endpoint candidate uses our foundation.
     */
    private static final class Scan implements SdpLine.ValueReader<Void> {
        final RelayEndpoint relay;
        final String base;
        long lowest1 = Long.MAX_VALUE;
        long lowest2 = Long.MAX_VALUE;
        boolean component2;
        boolean present1;
        boolean present2;
        boolean baseTaken;
        /** The token being read: {@code [start, end)} of the candidate's text. */
        private int start;
        private int end;

        Scan(RelayEndpoint relay, String base) {
            this.relay = relay;
            this.base = base;
        }

        /**
         * Reads one candidate, {@code v[from, to)} being its {@code candidate:...} attribute (valid: it was parsed).
         * Field by field, stopping as soon as the rest cannot matter: the port and type are read only for a candidate
         * on the relay's address.
         */
        @Override
        public Void read(String v, int from, int to) {
            end = from + VALUE;
            next(v, to);
            baseTaken |= is(v, base);
            next(v, to);
            long component = Tokens.decimal(v, start, end, 3);
            next(v, to);
            next(v, to);
            long priority = Tokens.decimal(v, start, end, 10);
            if (component == 1) {
                lowest1 = Math.min(lowest1, priority);
            } else if (component == 2) {
                component2 = true;
                lowest2 = Math.min(lowest2, priority);
            } else {
                return null;
            }
            next(v, to);
            if (!is(v, relay.address())) {
                return null;
            }
            next(v, to);
            int port = Tokens.port(v, start, end);
            next(v, to);
            next(v, to);
            if (is(v, "relay")) {
                present1 |= component == 1 && port == relay.rtpPort();
                present2 |= component == 2 && port == relay.rtcpPort();
            }
            return null;
        }

        private void next(String v, int to) {
            start = Tokens.skipSpaces(v, end, to);
            end = Tokens.tokenEnd(v, start, to);
        }

        private boolean is(String v, String word) {
            return end - start == word.length() && v.regionMatches(true, start, word, 0, word.length());
        }
    }

    private static String line(String foundation, int component, int port, long lowest, RelayEndpoint relay) {
        return IceCandidate.NAME + ":" + foundation + " " + component + " UDP " + IcePriority.relayBelow(lowest, component)
                + " " + relay.address() + " " + port + " typ relay raddr " + relay.address() + " rport " + port;
    }

    /** {@code base} ({@code R} and the relay address in hex), lengthened until no endpoint candidate uses it. */
    static String foundation(String base, SectionEditor e) {
        String f = base;
        while (taken(f, e) && f.length() < MAX_FOUNDATION) {
            f = f + "r";
        }
        return f;
    }

    private static boolean taken(String foundation, SectionEditor e) {
        for (int i = 0; i < e.size(); i++) {
            String v = e.get(i).value();
            if (e.get(i).isAttribute(IceCandidate.NAME)) {
                int start = Tokens.skipSpaces(v, VALUE);
                if (Tokens.tokenEnd(v, start) - start == foundation.length() && v.startsWith(foundation, start)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An IPv4 address as eight hex digits ({@code 5511ba06}), any other address as the hex CRC32 of its text. */
    static String addressHex(String address) {
        int value = 0;
        int octets = 0;
        int octet = -1;
        for (int i = 0; i <= address.length(); i++) {
            char c = i < address.length() ? address.charAt(i) : '.';
            if (c >= '0' && c <= '9' && octet < 256) {
                octet = (octet < 0 ? 0 : octet * 10) + (c - '0');
            } else if (c == '.' && octet >= 0 && octet < 256 && octets < 4) {
                value = value << 8 | octet;
                octets++;
                octet = -1;
            } else {
                octets = -1;
                break;
            }
        }
        if (octets == 4) {
            return HexFormat.of().toHexDigits(value);
        }
        CRC32 crc = new CRC32();
        crc.update(address.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
