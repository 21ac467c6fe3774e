package org.mediarelay.sdp;

/**
 * An SDP body that cannot be relayed as it is: the message names the line number (1-based), the offending line and
 * what was expected there, e.g. {@code invalid m= line 7: 'm=audio x RTP/AVP 0' (expected: m=<media> <port> <proto>
 * <fmt>...)}.
 *
 * <p>The one exception of this module. Callers turn it into their protocol's error reply; it never means a bug.
 */
public final class SdpSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_QUOTED = 120;

    private final int lineNumber;

    /**
     * @param what     the kind of problem, e.g. {@code invalid m=}
     * @param expected the grammar that was expected there, e.g. {@code m=<media> <port> <proto> <fmt>...}
     */
    public SdpSyntaxException(int lineNumber, String line, String what, String expected) {
        super(what + " line " + lineNumber + ": '" + quote(line) + "' (expected: " + expected + ")");
        this.lineNumber = lineNumber;
    }

    /** For a problem with the body as a whole (size, count of lines or streams). */
    public SdpSyntaxException(String problem) {
        super(problem);
        this.lineNumber = 0;
    }

    /** The 1-based number of the offending line, or 0 when the problem is the whole body. */
    public int lineNumber() {
        return lineNumber;
    }

    private static String quote(String line) {
        String shown = line.length() > MAX_QUOTED ? line.substring(0, MAX_QUOTED) + "..." : line;
        StringBuilder b = new StringBuilder(shown.length());
        for (char c : shown.toCharArray()) {
            b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
