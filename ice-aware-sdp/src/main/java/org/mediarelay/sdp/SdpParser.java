package org.mediarelay.sdp;

import java.util.ArrayList;
import java.util.List;
import org.mediarelay.sdp.ice.IceCandidate;
import org.mediarelay.sdp.ice.RemoteCandidate;

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
        List<SdpLine> session = new ArrayList<>();
        List<MediaSection> media = new ArrayList<>();
        List<SdpLine> current = session;
        int pos = 0;
        int lineNo = 0;
        int candidates = 0;
        int n = body.length();
        while (pos < n) {
            int lf = body.indexOf('\n', pos);
            int end = lf < 0 ? n : lf;
            String eol = lf < 0 ? "" : SdpLine.LF;
            if (end > pos && body.charAt(end - 1) == '\r' && lf >= 0) {
                end--;
                eol = SdpLine.CRLF;
            }
            String text = body.substring(pos, end);
            lineNo++;
            if (text.isEmpty()) {
                String rest = body.substring(pos);
                if (!rest.chars().allMatch(c -> c == '\r' || c == '\n')) {
                    throw new SdpSyntaxException(lineNo, text, "empty", "<type>=<value>; blank lines only at the end");
                }
                return finish(session, media, current, rest);
            }
            if (lineNo > limits.maxLines()) {
                throw new SdpSyntaxException("SDP has too many lines (limit " + limits.maxLines() + ")");
            }
            SdpLine line = line(text, eol, lineNo);
            if (lineNo == 1 && line.type() != 'v') {
                throw new SdpSyntaxException(lineNo, text, "invalid first", "v=0");
            }
            if (line.type() == 'm') {
                if (media.size() + (current == session ? 0 : 1) >= limits.maxMedia()) {
                    throw new SdpSyntaxException("SDP has too many m= lines (limit " + limits.maxMedia() + ")");
                }
                if (current != session) {
                    media.add(new MediaSection(current));
                }
                current = new ArrayList<>();
            }
            validate(line, lineNo);
            if (line.isAttribute(IceCandidate.NAME) && ++candidates > limits.maxCandidates()) {
                throw new SdpSyntaxException("SDP has too many a=candidate lines (limit " + limits.maxCandidates() + ")");
            }
            current.add(line);
            pos = lf < 0 ? n : lf + 1;
        }
        return finish(session, media, current, "");
    }

    private static SessionDescription finish(List<SdpLine> session, List<MediaSection> media,
                                             List<SdpLine> current, String trailer) {
        if (session.isEmpty()) {
            throw new SdpSyntaxException("empty SDP (expected: v=0 and the lines that follow it)");
        }
        if (current != session) {
            media.add(new MediaSection(current));
        }
        return new SessionDescription(session, media, trailer);
    }

    private SdpLine line(String text, String eol, int lineNo) {
        if (text.length() > limits.maxLineChars()) {
            throw new SdpSyntaxException(lineNo, text, "overlong", "at most " + limits.maxLineChars() + " chars");
        }
        char type = text.charAt(0);
        if (text.length() < 2 || type < 'a' || type > 'z' || text.charAt(1) != '=') {
            throw new SdpSyntaxException(lineNo, text, "invalid", "<type>=<value> with type a-z");
        }
        for (int i = 2; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || c == '\r') {
                throw new SdpSyntaxException(lineNo, text, "invalid character (NUL or bare CR) in", "text without NUL or CR");
            }
        }
        return new SdpLine(type, text.substring(2), eol);
    }

    private static void validate(SdpLine line, int lineNo) {
        try {
            switch (line.type()) {
                case 'o':
                    Origin.parse(line.value());
                    break;
                case 'c':
                    Connection.parse(line.value());
                    break;
                case 'm':
                    MediaLine.parse(line.value());
                    break;
                case 'a':
                    if (line.isAttribute(RtcpAttribute.NAME)) {
                        RtcpAttribute.parse(line.attributeValue().orElse(""));
                    } else if (line.isAttribute(IceCandidate.NAME)) {
                        IceCandidate.parse(line.attributeValue().orElse(""));
                    } else if (line.isAttribute(RemoteCandidate.NAME)) {
                        RemoteCandidate.parseAll(line.attributeValue().orElse(""));
                    }
                    break;
                default:
                    break;
            }
        } catch (IllegalArgumentException e) {
            String field = line.type() == 'a' ? "a=" + line.attributeName().orElse("") : line.type() + "=";
            throw new SdpSyntaxException(lineNo, line.text(), "invalid " + field, e.getMessage());
        }
    }
}
