package org.mediarelay.sdp.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mediarelay.sdp.MediaLine;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.SdpLine;
import org.mediarelay.sdp.codec.Codec;
import org.mediarelay.sdp.codec.Fmtp;
import org.mediarelay.sdp.codec.Rtpmap;
import org.mediarelay.sdp.codec.StaticPayloadTypes;

/**
 * Names the formats of an {@code m=} line. An {@code rtpmap} that cannot be read is ignored (the format is then
 * reported by its static name, or not at all): codec names are for reports, never a reason to refuse a call.
 */
public final class CodecAnalysis {

    private CodecAnalysis() {
    }

    /** The section's formats that can be named, in the order of its {@code m=} line. */
    public static List<Codec> of(MediaSection section) {
        return of(section.mediaLine(), section);
    }

    static List<Codec> of(MediaLine m, MediaSection section) {
        if (!m.proto().toUpperCase(Locale.ROOT).contains("RTP")) {
            return List.of();
        }
        Map<String, Rtpmap> rtpmaps = new HashMap<>();
        Map<String, String> fmtps = new HashMap<>();
        for (SdpLine l : section.lines()) {
            try {
                if (l.isAttribute(Rtpmap.NAME)) {
                    Rtpmap r = Rtpmap.parse(l.attributeValue().orElse(""));
                    rtpmaps.putIfAbsent(r.payloadType(), r);
                } else if (l.isAttribute(Fmtp.NAME)) {
                    Fmtp f = Fmtp.parse(l.attributeValue().orElse(""));
                    fmtps.putIfAbsent(f.payloadType(), f.parameters());
                }
            } catch (IllegalArgumentException unreadable) {
                // Forwarded as it is; only the report loses this codec's name.
            }
        }
        List<Codec> out = new ArrayList<>(m.formats().size());
        for (String pt : m.formats()) {
            Optional<String> params = Optional.ofNullable(fmtps.get(pt));
            Rtpmap r = rtpmaps.get(pt);
            if (r != null) {
                // RFC 8866 §6.6: audio without encoding parameters has one channel.
                int channels = r.encodingParameters().map(CodecAnalysis::channels)
                        .orElse(m.media().equals("audio") ? 1 : 0);
                out.add(new Codec(pt, r.encoding(), r.clockRate(), channels, params));
            } else {
                StaticPayloadTypes.of(pt).ifPresent(c -> out.add(new Codec(pt, c.name(), c.clockRate(), c.channels(), params)));
            }
        }
        return out;
    }

    private static int channels(String encodingParameters) {
        try {
            return Integer.parseInt(encodingParameters.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
