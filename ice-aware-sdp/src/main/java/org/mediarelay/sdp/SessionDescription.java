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
        sessionLines = FrozenList.of(sessionLines);
        media = FrozenList.of(media);
        for (int i = 0; i < trailer.length(); i++) {
            if (trailer.charAt(i) != '\r' && trailer.charAt(i) != '\n') {
                throw new IllegalArgumentException("the trailer holds only line endings");
            }
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

    public String serialize() {
        StringBuilder out = new StringBuilder(byteLength());
        write(new Writer() {
            @Override
            public void run(String source, int from, int to) {
                out.append(source, from, to);
            }

            @Override
            public void line(SdpLine line) {
                line.appendTo(out);
            }
        });
        return out.append(trailer).toString();
    }

    /**
     * The body as bytes, one per char (ISO-8859-1, the way {@link SdpParser} reads them): what goes on the wire,
     * without the intermediate {@code String} of {@link #serialize()}. Runs of untouched lines are copied from the
     * received body in one go. Every char of the model is a byte; a line a caller builds keeps to that (addresses,
     * numbers and tokens do).
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) copies the low byte of each char
    public byte[] toBytes() {
        byte[] out = new byte[byteLength()];
        int[] at = {0};
        write(new Writer() {
            @Override
            public void run(String source, int from, int to) {
                source.getBytes(from, to, out, at[0]);
                at[0] += to - from;
            }

            @Override
            public void line(SdpLine line) {
                at[0] = line.copyTo(out, at[0]);
            }
        });
        trailer.getBytes(0, trailer.length(), out, at[0]);
        return out;
    }

    /** Where serialized lines go: runs of received text, or single lines built since. */
    private interface Writer {
        void run(String source, int from, int to);

        void line(SdpLine line);
    }

    /** Every line in order, consecutive lines of one received body merged into one run. */
    private void write(Writer w) {
        SdpLine runStart = null;
        SdpLine runEnd = null;
        for (int s = -1; s < media.size(); s++) {
            List<SdpLine> lines = s < 0 ? sessionLines : media.get(s).lines();
            for (int i = 0; i < lines.size(); i++) {
                SdpLine l = lines.get(i);
                if (runEnd != null && l.follows(runEnd)) {
                    runEnd = l;
                    continue;
                }
                if (runStart != null) {
                    w.run(runStart.source(), runStart.frameStart(), runEnd.frameEnd());
                    runStart = null;
                    runEnd = null;
                }
                if (l.framed()) {
                    runStart = l;
                    runEnd = l;
                } else {
                    w.line(l);
                }
            }
        }
        if (runStart != null) {
            w.run(runStart.source(), runStart.frameStart(), runEnd.frameEnd());
        }
    }

    private int byteLength() {
        int size = trailer.length();
        for (int s = -1; s < media.size(); s++) {
            List<SdpLine> lines = s < 0 ? sessionLines : media.get(s).lines();
            for (int i = 0; i < lines.size(); i++) {
                size += lines.get(i).byteLength();
            }
        }
        return size;
    }

    @Override
    public String toString() {
        return serialize();
    }
}
