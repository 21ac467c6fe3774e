package org.mediarelay.sdp.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mediarelay.sdp.AddressType;
import org.mediarelay.sdp.Connection;
import org.mediarelay.sdp.Direction;
import org.mediarelay.sdp.MediaLine;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.RtcpAttribute;
import org.mediarelay.sdp.SdpLine;
import org.mediarelay.sdp.SessionDescription;
import org.mediarelay.sdp.attribute.Group;

/** Reads the per-stream facts out of a parsed SDP. Pure: the same input always gives the same answer. */
public final class SdpAnalysis {

    private SdpAnalysis() {
    }

    public static List<StreamInfo> streams(SessionDescription sdp) {
        Optional<Connection> sessionConnection = sdp.sessionConnection();
        Direction sessionDirection = Direction.in(sdp.sessionLines()).orElse(Direction.SENDRECV);
        List<StreamInfo> out = new ArrayList<>(sdp.media().size());
        for (int i = 0; i < sdp.media().size(); i++) {
            out.add(stream(i, sdp.media().get(i), sdp.sessionLines(), sessionConnection, sessionDirection));
        }
        return out;
    }

    /**
     * The BUNDLE groups of the session ({@code a=group:BUNDLE}), in order. A group line that cannot be read is
     * forwarded as it is and ignored here, as the peer will ignore it.
     */
    public static List<Group> bundleGroups(SessionDescription sdp) {
        List<Group> out = new ArrayList<>();
        for (SdpLine l : sdp.sessionLines()) {
            if (l.isAttribute(Group.NAME)) {
                try {
                    Group g = Group.parse(l.attributeValue().orElse(""));
                    if (g.isBundle()) {
                        out.add(g);
                    }
                } catch (IllegalArgumentException unreadable) {
                    // not a group: nothing to bundle
                }
            }
        }
        return out;
    }

    private static StreamInfo stream(int index, MediaSection section, List<SdpLine> sessionLines,
                                     Optional<Connection> sessionConnection, Direction sessionDirection) {
        MediaLine m = section.mediaLine();
        Optional<Connection> c = section.connection().or(() -> sessionConnection);
        Optional<RtcpAttribute> rtcp = section.rtcp();
        boolean mux = section.hasAttribute("rtcp-mux");
        int rtcpPort = rtcp.map(RtcpAttribute::port).orElse(m.port() == 0 ? 0 : mux ? m.port() : m.port() + 1);
        Optional<String> address = c.map(Connection::address);
        Optional<String> rtcpAddress = rtcp.flatMap(RtcpAttribute::connection).map(Connection::address).or(() -> address);
        Direction direction = Direction.in(section.lines()).orElse(sessionDirection);
        Optional<String> mid = section.attribute("mid").flatMap(SdpLine::attributeValue);
        IceInfo ice = IceAnalysis.of(section, sessionLines, address, m.port());
        // With ICE, 0.0.0.0 means "no default candidate yet" (RFC 8839 §4.2.5), not hold.
        boolean unspecifiedHold = c.map(Connection::isUnspecified).orElse(false) && !ice.hasCredentials();
        boolean hold = unspecifiedHold || direction == Direction.SENDONLY || direction == Direction.INACTIVE;
        return new StreamInfo(index, m.media(), m.port(), m.proto(), m.isUdpTransport() && !m.isDisabled(),
                address, c.flatMap(x -> AddressType.fromToken(x.addrType())), rtcpPort, rtcpAddress, mux,
                direction, hold, mid, ice, CodecAnalysis.of(m, section));
    }
}
