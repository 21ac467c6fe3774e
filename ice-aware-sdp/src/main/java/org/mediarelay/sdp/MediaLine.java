package org.mediarelay.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An {@code m=} field: {@code m=<media> <port>[/<number of ports>] <proto> <fmt> ...} (RFC 8866 §5.14).
 * Port 0 means the stream is rejected or disabled (RFC 3264 §6).
 */
public record MediaLine(String media, int port, OptionalInt portCount, String proto, List<String> formats) {

    public static final String EXPECTED = "m=<media> <port> <proto> <fmt>...";

    public MediaLine {
        Objects.requireNonNull(media);
        Objects.requireNonNull(proto);
        Objects.requireNonNull(portCount);
        formats = List.copyOf(formats);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static MediaLine parse(String value) {
        if (!valid(value)) {
            throw new IllegalArgumentException(EXPECTED);
        }
        List<String> t = Tokens.split(value);
        String portField = t.get(1);
        int slash = portField.indexOf('/');
        int port = Tokens.port(slash < 0 ? portField : portField.substring(0, slash));
        int count = slash < 0 ? 1 : Tokens.port(portField.substring(slash + 1));
        OptionalInt portCount = slash < 0 ? OptionalInt.empty() : OptionalInt.of(count);
        return new MediaLine(t.get(0), port, portCount, t.get(2), t.subList(3, t.size()));
    }

    /** At least media, port and proto; the port 0..65535 with an optional {@code /count} of 1 or more. */
    public static boolean valid(String value) {
        return valid(value, 0, value.length());
    }

    /** {@link #valid(String)} of {@code s[from, to)}. */
    public static boolean valid(String s, int from, int to) {
        int mediaStart = Tokens.skipSpaces(s, from, to);
        int portStart = Tokens.skipSpaces(s, Tokens.tokenEnd(s, mediaStart, to), to);
        if (mediaStart >= to || portStart >= to) {
            return false;
        }
        int portEnd = Tokens.tokenEnd(s, portStart, to);
        if (Tokens.skipSpaces(s, portEnd, to) >= to) {
            return false;
        }
        int slash = s.indexOf('/', portStart);
        if (slash < 0 || slash >= portEnd) {
            return Tokens.port(s, portStart, portEnd) >= 0;
        }
        return Tokens.port(s, portStart, slash) >= 0 && Tokens.port(s, slash + 1, portEnd) >= 1;
    }

    /** Where the port digits of the {@code m=} value {@code s[from, to)} start. The value must be {@link #valid}. */
    public static int portStart(String s, int from, int to) {
        return Tokens.skipSpaces(s, Tokens.tokenEnd(s, Tokens.skipSpaces(s, from, to), to), to);
    }

    /** Where the port digits that start at {@code start} end. */
    public static int portEnd(String s, int start, int to) {
        int end = start;
        while (end < to && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
            end++;
        }
        return end;
    }

    /**
     * A stream the relay carries: any media over UDP. That is RTP/AVP and its profiles (RFC 3551: over UDP unless a
     * {@code TCP/} prefix says otherwise), every protocol whose first part is {@code UDP} ({@code UDP},
     * {@code UDP/TLS/RTP/SAVPF}, {@code UDP/BFCP}, {@code UDP/DTLS/SCTP}, {@code UDP/TLS/UDPTL}), UDPTL (T.38), and the
     * data channels' older {@code DTLS/SCTP} (over ICE, hence UDP). Not TCP ({@code TCP/MSRP}, {@code TCP/RTP/AVP}).
     */
    public boolean isUdpTransport() {
        String p = proto.toUpperCase(Locale.ROOT);
        return p.startsWith("RTP/") || p.equals("UDP") || p.startsWith("UDP/") || p.equals("UDPTL")
                || p.equals("DTLS/SCTP");
    }

    public boolean isDisabled() {
        return port == 0;
    }

    public String format() {
        StringBuilder b = new StringBuilder(32 + formats.size() * 4);
        b.append(media).append(' ').append(port);
        portCount.ifPresent(c -> b.append('/').append(c));
        b.append(' ').append(proto);
        for (String f : formats) {
            b.append(' ').append(f);
        }
        return b.toString();
    }
}
