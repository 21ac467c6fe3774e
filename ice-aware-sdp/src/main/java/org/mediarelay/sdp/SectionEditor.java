package org.mediarelay.sdp;


/**
 * A working copy of one media section's lines, so that several {@link SectionEdit}s change a section with one copy
 * instead of one per edited line. Single use, one thread; {@link MediaSection#edited} makes and builds it.
 */
public final class SectionEditor {

    private final FrozenList.Builder<SdpLine> lines;
    private final String eol;

    SectionEditor(MediaSection section) {
        this.lines = new FrozenList.Builder<>(section.lines(), 4);
        this.eol = section.lineEnding();
    }

    public int size() {
        return lines.size();
    }

    public SdpLine get(int index) {
        return lines.get(index);
    }

    public void set(int index, SdpLine line) {
        lines.set(index, line);
    }

    /**
     * Inserts a line. Appended after a last line that has no ending (the end of a body without a final line break),
     * the new line takes over that style: the former last line gets an ending, the new one none, so the two never run
     * together.
     */
    public void insert(int index, SdpLine line) {
        if (index == lines.size() && index > 0 && lines.get(index - 1).eol().isEmpty()) {
            lines.set(index - 1, lines.get(index - 1).withEol(line.eol().isEmpty() ? eol : line.eol()));
            line = line.withEol("");
        }
        lines.add(index, line);
    }

    /** Removes a line; if it was a last line without ending, the new last line goes without one too. */
    public void remove(int index) {
        SdpLine removed = lines.remove(index);
        if (removed.eol().isEmpty() && index == lines.size() && index > 0) {
            lines.set(index - 1, lines.get(index - 1).withEol(""));
        }
    }

    /** Index of the first line of this type, or -1. */
    public int indexOf(char type) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).type() == type) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first {@code a=name} or {@code a=name:...} line, or -1. */
    public int indexOfAttribute(String name) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isAttribute(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The line ending the section uses, for lines an edit adds. */
    public String lineEnding() {
        return eol;
    }

    /** A new line of this section: {@code a=value} with the section's line ending. */
    public SdpLine attribute(String value) {
        return new SdpLine('a', value, eol);
    }

    MediaSection build() {
        return new MediaSection(lines.freeze());
    }
}
