package org.mediarelay.sdp;

/** One named change to a media section, applied to a {@link SectionEditor}. Composable; pure apart from the editor. */
@FunctionalInterface
public interface SectionEdit {

    /** The edit that changes nothing. */
    SectionEdit NONE = e -> {
    };

    void apply(SectionEditor section);

    /** This edit, then {@code next}; composing with {@link #NONE} adds no step. */
    default SectionEdit andThen(SectionEdit next) {
        if (next == NONE) {
            return this;
        }
        if (this == NONE) {
            return next;
        }
        return e -> {
            apply(e);
            next.apply(e);
        };
    }

    /** The edit that changes nothing. */
    static SectionEdit none() {
        return NONE;
    }
}
