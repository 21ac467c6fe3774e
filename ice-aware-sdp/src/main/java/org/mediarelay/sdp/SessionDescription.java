package org.mediarelay.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole SDP body: the session-level lines (from {@code v=} to the first {@code m=}), the media sections, and any
 * blank lines that trailed the last line.
 *
 * <p>Lossless: {@code SdpParser.parse(x).serialize().equals(x)} for every body the parser accepts, whatever its line
 * endings, unknown lines and attributes.
 */
public record SessionDescription(List<SdpLine> sessionLines, List<MediaSection> media, String trailer) {

    public SessionDescription {
        sessionLines = List.copyOf(sessionLines);
        media = List.copyOf(media);
        if (trailer.chars().anyMatch(c -> c != '\r' && c != '\n')) {
            throw new IllegalArgumentException("the trailer holds only line endings");
        }
    }

    public Origin origin() {
        return Origin.parse(sessionLine('o').orElseThrow(() -> new IllegalStateException("no o= line")).value());
    }

    public Optional<Connection> sessionConnection() {
        return sessionLine('c').map(l -> Connection.parse(l.value()));
    }

    /** The first session-level line of this type. */
    public Optional<SdpLine> sessionLine(char type) {
        int i = sessionLineIndex(type);
        return i < 0 ? Optional.empty() : Optional.of(sessionLines.get(i));
    }

    public int sessionLineIndex(char type) {
        for (int i = 0; i < sessionLines.size(); i++) {
            if (sessionLines.get(i).type() == type) {
                return i;
            }
        }
        return -1;
    }

    public SessionDescription withSessionLine(int index, SdpLine line) {
        List<SdpLine> copy = new ArrayList<>(sessionLines);
        copy.set(index, line);
        return new SessionDescription(copy, media, trailer);
    }

    public SessionDescription withMedia(int index, MediaSection section) {
        List<MediaSection> copy = new ArrayList<>(media);
        copy.set(index, section);
        return new SessionDescription(sessionLines, copy, trailer);
    }

    public String serialize() {
        StringBuilder out = new StringBuilder(1024);
        for (SdpLine l : sessionLines) {
            l.appendTo(out);
        }
        for (MediaSection m : media) {
            for (SdpLine l : m.lines()) {
                l.appendTo(out);
            }
        }
        return out.append(trailer).toString();
    }

    @Override
    public String toString() {
        return serialize();
    }
}
