package org.mediarelay.sdp;

/**
 * Parses an SDP body into a {@link SessionDescription}, keeping every byte.
 *
 * <p>Input is a {@code String} in which each char stands for one byte; callers holding bytes decode them as
 * ISO-8859-1, which maps bytes to chars one to one, so a body goes through byte-exact whatever its charset.
 *
 * <p>What is checked: the shape of every line ({@code <a-z>=<value>}, no NUL or bare CR), {@code v=} first, and the
 * syntax of the fields a relay interprets ({@code o=}, {@code c=}, {@code m=}, {@code a=rtcp}, {@code a=candidate},
 * {@code a=remote-candidates}). Everything else is opaque and passes through. Blank lines are accepted only after the last line (some stacks append one).
 */
public final class SdpParser {

    private final SdpLimits limits;

    public SdpParser(SdpLimits limits) {
        this.limits = limits;
    }

    public static SessionDescription parse(String body) {
        return new SdpParser(SdpLimits.DEFAULT).parseBody(body);
    }

    public SessionDescription parseBody(String body) {
        if (body.length() > limits.maxChars()) {
            throw new SdpSyntaxException("SDP too large: " + body.length() + " bytes (limit " + limits.maxChars() + ")");
        }
        // NUL and bare CR are found with one scan of the whole body each; lines are then cut without further checks.
        int nul = body.indexOf('\0');
        int nextCr = body.indexOf('\r');
        FrozenList.Builder<SdpLine> session = new FrozenList.Builder<>(16);
        FrozenList.Builder<MediaSection> media = new FrozenList.Builder<>(4);
        FrozenList.Builder<SdpLine> current = session;
        int pos = 0;
        int lineNo = 0;
        int candidates = 0;
        int n = body.length();
        while (pos < n) {
            int lf = body.indexOf('\n', pos);
            int end = lf < 0 ? n : lf;
            String eol = lf < 0 ? "" : SdpLine.LF;
            if (end > pos && lf >= 0 && body.charAt(end - 1) == '\r') {
                end--;
                eol = SdpLine.CRLF;
            }
            lineNo++;
            if (end == pos) {
                for (int i = pos; i < n; i++) {
                    if (body.charAt(i) != '\r' && body.charAt(i) != '\n') {
                        throw new SdpSyntaxException(lineNo, "", "empty", "<type>=<value>; blank lines only at the end");
                    }
                }
                return finish(session, media, current, body.substring(pos));
            }
            if (lineNo > limits.maxLines()) {
                throw new SdpSyntaxException("SDP has too many lines (limit " + limits.maxLines() + ")");
            }
            while (nextCr >= 0 && nextCr < pos) {
                nextCr = body.indexOf('\r', nextCr + 1);
            }
            // The CR of a CRLF sits at end; one inside [pos, end) is bare.
            boolean bareCr = nextCr >= 0 && nextCr < end;
            if (bareCr || (nul >= pos && nul < end)) {
                throw new SdpSyntaxException(lineNo, body.substring(pos, end),
                        "invalid character (NUL or bare CR) in", "text without NUL or CR");
            }
            SdpLine line = line(body, pos, end, eol, lineNo);
            if (lineNo == 1 && line.type() != 'v') {
                throw new SdpSyntaxException(lineNo, line.text(), "invalid first", "v=0");
            }
            if (line.type() == 'm') {
                if (media.size() + (current == session ? 0 : 1) >= limits.maxMedia()) {
                    throw new SdpSyntaxException("SDP has too many m= lines (limit " + limits.maxMedia() + ")");
                }
                if (current != session) {
                    media.add(new MediaSection(current.freeze()));
                }
                current = new FrozenList.Builder<>(32);
            }
            if (validate(line, body, pos + 2, end, lineNo) && ++candidates > limits.maxCandidates()) {
                throw new SdpSyntaxException("SDP has too many a=candidate lines (limit " + limits.maxCandidates() + ")");
            }
            current.add(line);
            pos = lf < 0 ? n : lf + 1;
        }
        return finish(session, media, current, "");
    }

    private static SessionDescription finish(FrozenList.Builder<SdpLine> session,
                                             FrozenList.Builder<MediaSection> media,
                                             FrozenList.Builder<SdpLine> current, String trailer) {
        if (session.isEmpty()) {
            throw new SdpSyntaxException("empty SDP (expected: v=0 and the lines that follow it)");
        }
        if (current != session) {
            media.add(new MediaSection(current.freeze()));
        }
        return new SessionDescription(session.freeze(), media.freeze(), trailer);
    }

    /** The line {@code body[start, end)}: checked for shape, cut once into its value. */
    private SdpLine line(String body, int start, int end, String eol, int lineNo) {
        if (end - start > limits.maxLineChars()) {
            throw new SdpSyntaxException(lineNo, body.substring(start, end), "overlong", "at most " + limits.maxLineChars()
                    + " chars");
        }
        char type = body.charAt(start);
        if (end - start < 2 || type < 'a' || type > 'z' || body.charAt(start + 1) != '=') {
            throw new SdpSyntaxException(lineNo, body.substring(start, end), "invalid", "<type>=<value> with type a-z");
        }
        return SdpLine.of(body, start, end, eol);
    }

    /**
     * Checks the fields the relay interprets, in place in the body ({@code body[from, to)} is the line's value, nothing
     * is cut out); returns whether the line is an ICE candidate (they are counted).
     */
    private static boolean validate(SdpLine line, String body, int from, int to, int lineNo) {
        switch (line.type()) {
            case 'o':
                check(Origin.valid(body, from, to), line, lineNo, Origin.EXPECTED);
                return false;
            case 'c':
                check(Connection.valid(body, from, to), line, lineNo, Connection.EXPECTED);
                return false;
            case 'm':
                check(MediaLine.valid(body, from, to), line, lineNo, MediaLine.EXPECTED);
                return false;
            case 'a':
                // Most attributes are none of these three: one look at the first letter decides.
                char first = line.firstChar();
                if (first == 'c' && line.isAttribute(CandidateSyntax.CANDIDATE)) {
                    check(CandidateSyntax.candidate(body, from + CandidateSyntax.CANDIDATE.length() + 1, to), line,
                            lineNo, CandidateSyntax.CANDIDATE_EXPECTED);
                    return true;
                }
                if (first == 'r' && line.isAttribute(RtcpAttribute.NAME)) {
                    check(RtcpAttribute.valid(body, from + RtcpAttribute.NAME.length() + 1, to), line, lineNo,
                            RtcpAttribute.EXPECTED);
                } else if (first == 'r' && line.isAttribute(CandidateSyntax.REMOTE_CANDIDATES)) {
                    try {
                        CandidateSyntax.remoteCandidates(attributeValue(line.value()));
                    } catch (IllegalArgumentException e) {
                        check(false, line, lineNo, e.getMessage());
                    }
                }
                return false;
            default:
                return false;
        }
    }

    private static String attributeValue(String value) {
        int colon = value.indexOf(':');
        return colon < 0 ? "" : value.substring(colon + 1);
    }

    private static void check(boolean valid, SdpLine line, int lineNo, String expected) {
        if (!valid) {
            String field = line.type() == 'a' ? "a=" + line.attributeName().orElse("") : line.type() + "=";
            throw new SdpSyntaxException(lineNo, line.text(), "invalid " + field, expected);
        }
    }
}
