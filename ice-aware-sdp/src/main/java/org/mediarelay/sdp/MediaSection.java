package org.mediarelay.sdp;

import java.util.List;
import java.util.Optional;

/**
 * One media description: its {@code m=} line followed by every line up to the next {@code m=} line, in order.
 * Typed views are parsed from the lines on demand, so the section itself is exactly what was received.
 */
public record MediaSection(List<SdpLine> lines) {

    public MediaSection {
        lines = FrozenList.of(lines);
        if (lines.isEmpty() || lines.get(0).type() != 'm') {
            throw new IllegalArgumentException("a media section starts with its m= line");
        }
    }

    public MediaLine mediaLine() {
        return MediaLine.parse(lines.get(0).value());
    }

    /** The media-level {@code c=}; when absent the session-level one applies (RFC 8866 §5.7). */
    public Optional<Connection> connection() {
        int i = indexOf('c');
        return i < 0 ? Optional.empty() : Optional.of(Connection.parse(lines.get(i).value()));
    }

    public Optional<RtcpAttribute> rtcp() {
        return attribute(RtcpAttribute.NAME).flatMap(SdpLine::attributeValue).map(RtcpAttribute::parse);
    }

    public boolean hasAttribute(String name) {
        return attribute(name).isPresent();
    }

    /** The first {@code a=name} or {@code a=name:...} line. */
    public Optional<SdpLine> attribute(String name) {
        for (SdpLine l : lines) {
            if (l.isAttribute(name)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** Index within {@link #lines()} of the first line of this type, or -1. */
    public int indexOf(char type) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).type() == type) {
                return i;
            }
        }
        return -1;
    }

    /** The section after {@code edit}: one copy of the lines, whatever the number of lines the edit changes. */
    public MediaSection edited(SectionEdit edit) {
        SectionEditor editor = new SectionEditor(this);
        edit.apply(editor);
        return editor.build();
    }

    /** The line ending this section uses, for lines a transform adds. */
    public String lineEnding() {
        String eol = lines.get(0).eol();
        return eol.isEmpty() ? SdpLine.CRLF : eol;
    }
}
