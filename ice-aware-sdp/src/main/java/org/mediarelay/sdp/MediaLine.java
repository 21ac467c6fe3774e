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
        int mediaStart = Tokens.skipSpaces(value, 0);
        int portStart = Tokens.skipSpaces(value, Tokens.tokenEnd(value, mediaStart));
        if (mediaStart >= value.length() || portStart >= value.length()) {
            return false;
        }
        int portEnd = Tokens.tokenEnd(value, portStart);
        if (Tokens.skipSpaces(value, portEnd) >= value.length()) {
            return false;
        }
        int slash = value.indexOf('/', portStart);
        if (slash < 0 || slash >= portEnd) {
            return Tokens.port(value, portStart, portEnd) >= 0;
        }
        return Tokens.port(value, portStart, slash) >= 0 && Tokens.port(value, slash + 1, portEnd) >= 1;
    }

    /** Where the port digits are in an {@code m=} value: {@code [start, end)}. The value must be {@link #valid}. */
    public static int[] portRange(String value) {
        int start = Tokens.skipSpaces(value, Tokens.tokenEnd(value, Tokens.skipSpaces(value, 0)));
        int end = start;
        while (end < value.length() && value.charAt(end) >= '0' && value.charAt(end) <= '9') {
            end++;
        }
        return new int[] {start, end};
    }

    /** A stream the relay carries: media over UDP, i.e. RTP/AVP and its profiles, DTLS-SRTP, plain UDP and UDPTL. */
    public boolean isUdpTransport() {
        String p = proto.toUpperCase(Locale.ROOT);
        return p.startsWith("RTP/") || p.startsWith("UDP/TLS/RTP/") || p.equals("UDP") || p.equals("UDPTL");
    }

    public boolean isDisabled() {
        return port == 0;
    }

    public MediaLine withPort(int newPort) {
        return new MediaLine(media, newPort, portCount, proto, formats);
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
