package org.mediarelay.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of an SDP body exactly as it was received: {@code <type>=<value>} and the line ending that followed it.
 *
 * <p>Keeping the ending per line makes the model lossless for bodies with mixed endings, and for a body whose last
 * line has no ending at all ({@code eol} is then empty). A line a transform does not touch is written back from these
 * three fields unchanged, so it stays byte-identical.
 *
 * <p>A parsed line is a view of the received body: its value is cut out only when asked for, and serialization copies
 * runs of untouched lines straight from the body. Immutable; the cut value is cached (a benign race, as with
 * {@code String.hashCode}).
 */
public final class SdpLine {

    public static final String CRLF = "\r\n";
    public static final String LF = "\n";

    private final char type;
    /** The value's first char (0 when empty), kept apart: scans of many lines look only at it. */
    private final char first;
    /** Holds the value at {@code [from, to)}; for a parsed line it is the whole body, framing included. */
    private final String source;
    private final int from;
    private final int to;
    private final String eol;
    /** True when {@code source} also holds {@code <type>=} before the value and {@code eol} after it. */
    private final boolean framed;
    /** {@code eol.length()}, kept with the offsets: serialization sums and compares it for every line. */
    private final byte eolLength;
    private String value;

    public SdpLine(char type, String value, String eol) {
        this(type, Objects.requireNonNull(value, "value"), 0, value.length(), eol, false);
        this.value = value;
    }

    private SdpLine(char type, String source, int from, int to, String eol, boolean framed) {
        Objects.requireNonNull(eol, "eol");
        if (type < 'a' || type > 'z') {
            throw new IllegalArgumentException("SDP line type must be a lower-case letter: '" + type + "'");
        }
        if (!eol.isEmpty() && !eol.equals(CRLF) && !eol.equals(LF)) {
            throw new IllegalArgumentException("line ending must be CRLF, LF or empty");
        }
        this.type = type;
        this.first = to > from ? source.charAt(from) : 0;
        this.source = source;
        this.from = from;
        this.to = to;
        this.eol = eol;
        this.framed = framed;
        this.eolLength = (byte) eol.length();
    }

    /** A line of {@code body}: its type at {@code lineStart}, {@code =}, the value up to {@code valueEnd}, then eol. */
    static SdpLine of(String body, int lineStart, int valueEnd, String eol) {
        return new SdpLine(body.charAt(lineStart), body, lineStart + 2, valueEnd, eol, true);
    }

    public char type() {
        return type;
    }

    public String value() {
        String v = value;
        if (v == null) {
            v = source.substring(from, to);
            value = v;
        }
        return v;
    }

    public String eol() {
        return eol;
    }

    /** The value's length, without cutting it out. */
    public int valueLength() {
        return to - from;
    }

    /** Reads a line's value in place: {@code text[from, to)}. */
    @FunctionalInterface
    public interface ValueReader<T> {
        T read(String text, int from, int to);
    }

    /**
     * What {@code reader} makes of the value, read where it lies instead of cut out first: for the scans and rewrites
     * that run on lines of every SDP.
     */
    public <T> T readValue(ValueReader<T> reader) {
        return reader.read(source, from, to);
    }

    /** The first char of the value, or 0 for an empty value; without cutting it out. */
    public char firstChar() {
        return first;
    }

    /** The line without its ending, e.g. {@code c=IN IP4 192.0.2.1}. */
    public String text() {
        return type + "=" + value();
    }

    public SdpLine withValue(String newValue) {
        return new SdpLine(type, newValue, eol);
    }

    public SdpLine withEol(String newEol) {
        return newEol.equals(eol) ? this : new SdpLine(type, value(), newEol);
    }

    /** True for {@code a=name} and {@code a=name:value}. Attribute names are case-sensitive (RFC 8866 §5.13). */
    public boolean isAttribute(String name) {
        int n = name.length();
        int len = to - from;
        // The first letter and the char after the name reject almost every other line before any string comparison:
        // this runs per line per edit.
        return type == 'a' && len >= n && (n == 0 || first == name.charAt(0))
                && (len == n || source.charAt(from + n) == ':') && source.startsWith(name, from);
    }

    /** The name of an {@code a=} line: the text before the first colon. */
    public Optional<String> attributeName() {
        if (type != 'a') {
            return Optional.empty();
        }
        String v = value();
        int colon = v.indexOf(':');
        return Optional.of(colon < 0 ? v : v.substring(0, colon));
    }

    /** The value of an {@code a=name:value} line; empty for a property attribute such as {@code a=rtcp-mux}. */
    public Optional<String> attributeValue() {
        if (type != 'a') {
            return Optional.empty();
        }
        String v = value();
        int colon = v.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(v.substring(colon + 1));
    }

    /** Whether this line follows {@code previous} directly in the same received body (they can be copied as one). */
    boolean follows(SdpLine previous) {
        return framed && previous.framed && source == previous.source
                && from - 2 == previous.to + previous.eolLength;
    }

    /** Where this line, framing included, starts and ends in its body; only for framed lines. */
    int frameStart() {
        return from - 2;
    }

    int frameEnd() {
        return to + eolLength;
    }

    String source() {
        return source;
    }

    boolean framed() {
        return framed;
    }

    void appendTo(StringBuilder out) {
        out.append(type).append('=').append(source, from, to).append(eol);
    }

    /** Writes the line at {@code out[at]}, one byte per char; returns the index after it. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) copies the low byte of each char
    int copyTo(byte[] out, int at) {
        out[at] = (byte) type;
        out[at + 1] = '=';
        source.getBytes(from, to, out, at + 2);
        int next = at + 2 + (to - from);
        eol.getBytes(0, eolLength, out, next);
        return next + eolLength;
    }

    int byteLength() {
        return 2 + (to - from) + eolLength;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SdpLine l)) {
            return false;
        }
        return type == l.type && eol.equals(l.eol) && to - from == l.to - l.from
                && source.regionMatches(from, l.source, l.from, to - from);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, value(), eol);
    }

    @Override
    public String toString() {
        return "SdpLine[" + text() + (eol.equals(CRLF) ? "\\r\\n" : eol.equals(LF) ? "\\n" : "") + "]";
    }
}
