package org.mediarelay.sdp.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.RtcpAttribute;
import org.mediarelay.sdp.SdpLine;

/**
 * {@code a=rtcp-mux} (RFC 5761 §5.1.1): RTP and RTCP on one port. The relay can offer mux to one side while the
 * other does not mux, because it forwards RTCP between the RTCP and RTP ports itself.
 */
public final class RtcpMux {

    public static final String NAME = "rtcp-mux";

    private RtcpMux() {
    }

    /** Adds {@code a=rtcp-mux} when absent, right after {@code a=rtcp} if there is one, else at the section's end. */
    public static UnaryOperator<MediaSection> offered() {
        return m -> {
            if (m.hasAttribute(NAME)) {
                return m;
            }
            int at = m.lines().size();
            for (int i = 0; i < m.lines().size(); i++) {
                if (m.lines().get(i).isAttribute(RtcpAttribute.NAME)) {
                    at = i + 1;
                    break;
                }
            }
            return m.insertLine(at, new SdpLine('a', NAME, m.lineEnding()));
        };
    }

    /** Removes {@code a=rtcp-mux}: this side will use a separate RTCP port. */
    public static UnaryOperator<MediaSection> removed() {
        return m -> {
            List<SdpLine> out = new ArrayList<>(m.lines().size());
            for (SdpLine l : m.lines()) {
                if (!(l.type() == 'a' && l.value().equals(NAME))) {
                    out.add(l);
                }
            }
            return new MediaSection(out);
        };
    }
}
