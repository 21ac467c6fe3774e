package org.mediarelay.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of an SDP body exactly as it was received: {@code <type>=<value>} and the line ending that followed it.
 *
 * <p>Keeping the ending per line makes the model lossless for bodies with mixed endings, and for a body whose last
 * line has no ending at all ({@code eol} is then empty). A line a transform does not touch is written back from these
 * three fields unchanged, so it stays byte-identical.
 */
public record SdpLine(char type, String value, String eol) {

    public static final String CRLF = "\r\n";
    public static final String LF = "\n";

    public SdpLine {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(eol, "eol");
        if (type < 'a' || type > 'z') {
            throw new IllegalArgumentException("SDP line type must be a lower-case letter: '" + type + "'");
        }
        if (!eol.isEmpty() && !eol.equals(CRLF) && !eol.equals(LF)) {
            throw new IllegalArgumentException("line ending must be CRLF, LF or empty");
        }
    }

    /** The line without its ending, e.g. {@code c=IN IP4 192.0.2.1}. */
    public String text() {
        return type + "=" + value;
    }

    public SdpLine withValue(String newValue) {
        return new SdpLine(type, newValue, eol);
    }

    /** True for {@code a=name} and {@code a=name:value}. Attribute names are case-sensitive (RFC 8866 §5.13). */
    public boolean isAttribute(String name) {
        return type == 'a' && value.startsWith(name)
                && (value.length() == name.length() || value.charAt(name.length()) == ':');
    }

    /** The name of an {@code a=} line: the text before the first colon. */
    public Optional<String> attributeName() {
        if (type != 'a') {
            return Optional.empty();
        }
        int colon = value.indexOf(':');
        return Optional.of(colon < 0 ? value : value.substring(0, colon));
    }

    /** The value of an {@code a=name:value} line; empty for a property attribute such as {@code a=rtcp-mux}. */
    public Optional<String> attributeValue() {
        if (type != 'a') {
            return Optional.empty();
        }
        int colon = value.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(value.substring(colon + 1));
    }

    void appendTo(StringBuilder out) {
        out.append(type).append('=').append(value).append(eol);
    }
}
