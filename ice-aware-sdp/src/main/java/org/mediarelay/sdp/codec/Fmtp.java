package org.mediarelay.sdp.codec;

/**
 * {@code a=fmtp:<format> <format specific parameters>} (RFC 8866 §6.15); the parameters are kept as one string. For
 * RTP the format is a payload type.
 */
public record Fmtp(String payloadType, String parameters) {

    public static final String NAME = "fmtp";
    static final String EXPECTED = "a=fmtp:<format> <parameters>";

    public static Fmtp parse(String value) {
        int sp = value.indexOf(' ');
        if (sp < 1) {
            throw new IllegalArgumentException(EXPECTED);
        }
        return new Fmtp(value.substring(0, sp), value.substring(sp + 1));
    }

    public String format() {
        return payloadType + " " + parameters;
    }
}
