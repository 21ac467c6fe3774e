package org.mediarelay.sdp.ice;

import java.util.ArrayList;
import java.util.List;
import org.mediarelay.sdp.SdpLine;
import org.mediarelay.sdp.SectionEdit;

/** Which attributes belong to ICE (RFC 8839 §5), and the transform that strips them. */
public final class IceAttributes {

    private IceAttributes() {
    }

    /**
     * {@code candidate}, {@code remote-candidates}, {@code end-of-candidates} and every {@code ice-*} attribute
     * ({@code ice-ufrag}, {@code ice-pwd}, {@code ice-lite}, {@code ice-options}, {@code ice-mismatch},
     * {@code ice-pacing}).
     */
    public static boolean isIce(SdpLine line) {
        if (line.type() != 'a') {
            return false;
        }
        String name = line.attributeName().orElse("");
        return name.startsWith("ice-") || name.equals(IceCandidate.NAME) || name.equals(RemoteCandidate.NAME)
                || name.equals("end-of-candidates");
    }

    /** Drops the section's ICE attributes; every other line stays as it was, in order. */
    public static SectionEdit removed() {
        return e -> {
            for (int i = e.size() - 1; i >= 0; i--) {
                if (isIce(e.get(i))) {
                    e.remove(i);
                }
            }
        };
    }

    public static List<SdpLine> withoutIce(List<SdpLine> lines) {
        List<SdpLine> out = new ArrayList<>(lines.size());
        for (SdpLine l : lines) {
            if (!isIce(l)) {
                out.add(l);
            }
        }
        return out;
    }

    /** The session-level ICE lines, in order (those a media section inherits). */
    public static List<SdpLine> only(List<SdpLine> lines) {
        List<SdpLine> out = new ArrayList<>();
        for (SdpLine l : lines) {
            if (isIce(l)) {
                out.add(l);
            }
        }
        return out;
    }
}
