package org.mediarelay.sdp.relay;

import java.util.function.UnaryOperator;
import org.mediarelay.sdp.Connection;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.RtcpAttribute;
import org.mediarelay.sdp.SdpLine;

/**
 * The per-stream steps of the relay rewrite, each a pure function of one media section. Lines a step does not name
 * are left exactly as they were.
 */
public final class MediaTransforms {

    private MediaTransforms() {
    }

    /** {@code m=} port becomes the relay's RTP port; the port count, proto and formats are kept. */
    public static UnaryOperator<MediaSection> relayPort(RelayEndpoint relay) {
        return m -> m.withLine(0, m.lines().get(0).withValue(m.mediaLine().withPort(relay.rtpPort()).format()));
    }

    /**
     * {@code a=rtcp} names the relay's RTCP port, and its address when it had one (RFC 3605). Absent stays absent:
     * the relay's RTCP port is always its RTP port + 1, which is what a reader assumes without the attribute.
     *
     * @param onHold the stream's connection address is {@code 0.0.0.0}: the attribute's address stays unspecified too
     */
    public static UnaryOperator<MediaSection> relayRtcp(RelayEndpoint relay, boolean onHold) {
        return m -> {
            for (int i = 0; i < m.lines().size(); i++) {
                SdpLine l = m.lines().get(i);
                if (l.isAttribute(RtcpAttribute.NAME)) {
                    RtcpAttribute rtcp = m.rtcp().orElseThrow().withPort(relay.rtcpPort());
                    if (!onHold) {
                        rtcp = rtcp.withAddress(relay.addressType(), relay.address());
                    }
                    return m.withLine(i, l.withValue(RtcpAttribute.NAME + ":" + rtcp.format()));
                }
            }
            return m;
        };
    }

    /** A media-level {@code c=} names the relay (the caller keeps a hold's {@code 0.0.0.0} by not applying this). */
    public static UnaryOperator<MediaSection> relayConnection(RelayEndpoint relay) {
        return m -> {
            int i = m.indexOf('c');
            if (i < 0) {
                return m;
            }
            Connection c = Connection.parse(m.lines().get(i).value());
            return m.withLine(i, m.lines().get(i).withValue(c.withAddress(relay.addressType(), relay.address()).format()));
        };
    }

    /** Adds a media-level {@code c=} naming the relay, for a stream that inherited the session's. */
    public static UnaryOperator<MediaSection> addConnection(RelayEndpoint relay) {
        return m -> m.insertLine(m.connectionInsertIndex(),
                new SdpLine('c', Connection.of(relay.addressType(), relay.address()).format(), m.lineEnding()));
    }
}
