package org.mediarelay.sdp.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]} (RFC 8866 §6.6); for audio the
 * encoding parameters are the channel count.
 */
public record Rtpmap(String payloadType, String encoding, long clockRate, Optional<String> encodingParameters) {

    public static final String NAME = "rtpmap";
    static final String EXPECTED = "a=rtpmap:<payload type> <encoding name>/<clock rate>[/<parameters>]";

    public Rtpmap {
        Objects.requireNonNull(payloadType);
        Objects.requireNonNull(encoding);
        Objects.requireNonNull(encodingParameters);
    }

    public static Rtpmap parse(String value) {
        int sp = value.indexOf(' ');
        if (sp < 1) {
            throw new IllegalArgumentException(EXPECTED);
        }
        String[] parts = value.substring(sp + 1).trim().split("/", 3);
        if (parts.length < 2 || parts[0].isEmpty()) {
            throw new IllegalArgumentException(EXPECTED);
        }
        long clock;
        try {
            clock = Long.parseLong(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(EXPECTED, e);
        }
        return new Rtpmap(value.substring(0, sp), parts[0], clock,
                parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
    }

    public String format() {
        return payloadType + " " + encoding + "/" + clockRate + encodingParameters.map(p -> "/" + p).orElse("");
    }
}
