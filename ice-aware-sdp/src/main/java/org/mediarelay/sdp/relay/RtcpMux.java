package org.mediarelay.sdp.relay;

import org.mediarelay.sdp.RtcpAttribute;
import org.mediarelay.sdp.SectionEdit;

/**
 * {@code a=rtcp-mux} (RFC 5761 §5.1.1): RTP and RTCP on one port. The relay can offer mux to one side while the
 * other does not mux, because it forwards RTCP between the RTCP and RTP ports itself.
 */
public final class RtcpMux {

    public static final String NAME = "rtcp-mux";

    private RtcpMux() {
    }

    /** Adds {@code a=rtcp-mux} when absent, right after {@code a=rtcp} if there is one, else at the section's end. */
    public static SectionEdit offered() {
        return e -> {
            if (e.indexOfAttribute(NAME) >= 0) {
                return;
            }
            int rtcp = e.indexOfAttribute(RtcpAttribute.NAME);
            e.insert(rtcp >= 0 ? rtcp + 1 : e.size(), e.attribute(NAME));
        };
    }

    /**
     * {@code a=rtcp-mux} and no {@code a=rtcp}: the reader is told of no separate RTCP port at all, as an endpoint
     * that insists on mux (WebRTC's {@code rtcpMuxPolicy: require}) expects even in an offer.
     */
    public static SectionEdit required() {
        return offered().andThen(e -> {
            for (int i = e.size() - 1; i >= 0; i--) {
                if (e.get(i).isAttribute(RtcpAttribute.NAME)) {
                    e.remove(i);
                }
            }
        });
    }

    /** Removes {@code a=rtcp-mux}: this side will use a separate RTCP port. */
    public static SectionEdit removed() {
        return e -> {
            for (int i = e.size() - 1; i >= 0; i--) {
                if (e.get(i).type() == 'a' && e.get(i).value().equals(NAME)) {
                    e.remove(i);
                }
            }
        };
    }

    /** The edit for a change. */
    public static SectionEdit edit(MangleOptions.MuxChange change) {
        switch (change) {
            case ADD:
                return offered();
            case REQUIRE:
                return required();
            case REMOVE:
                return removed();
            case KEEP:
            default:
                return SectionEdit.none();
        }
    }
}
