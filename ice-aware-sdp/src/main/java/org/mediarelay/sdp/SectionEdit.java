package org.mediarelay.sdp;

/** One named change to a media section, applied to a {@link SectionEditor}. Composable; pure apart from the editor. */
@FunctionalInterface
public interface SectionEdit {

    void apply(SectionEditor section);

    default SectionEdit andThen(SectionEdit next) {
        return e -> {
            apply(e);
            next.apply(e);
        };
    }

    /** The edit that changes nothing. */
    static SectionEdit none() {
        return e -> {
        };
    }
}
