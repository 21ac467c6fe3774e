package org.mediarelay.sdp.relay;

import org.mediarelay.sdp.AddressType;
import org.mediarelay.sdp.Connection;
import org.mediarelay.sdp.MediaLine;
import org.mediarelay.sdp.RtcpAttribute;
import org.mediarelay.sdp.SdpLine;
import org.mediarelay.sdp.SectionEdit;
import org.mediarelay.sdp.Tokens;

/**
 * The per-stream steps of the relay rewrite. Each changes only the token it is about (a port, an address type and
 * address), so everything else on the line, odd spacing included, stays as received; lines a step does not name are
 * left exactly as they were.
 */
public final class MediaTransforms {

    private static final int RTCP_VALUE = RtcpAttribute.NAME.length() + 1;

    private MediaTransforms() {
    }

    /** {@code m=} port becomes the relay's RTP port; the port count, proto and formats are kept. */
    public static SectionEdit relayPort(RelayEndpoint relay) {
        return e -> {
            String v = e.get(0).value();
            int[] port = MediaLine.portRange(v);
            e.set(0, e.get(0).withValue(Tokens.replace(v, port[0], port[1], Integer.toString(relay.rtpPort()))));
        };
    }

    /**
     * {@code a=rtcp} names the relay's RTCP port, and its address when it had one (RFC 3605). Absent stays absent:
     * the relay's RTCP port is always its RTP port + 1, which is what a reader assumes without the attribute.
     *
     * @param onHold the stream is on hold ({@code 0.0.0.0} without ICE): the attribute's address stays as it is
     */
    public static SectionEdit relayRtcp(RelayEndpoint relay, boolean onHold) {
        return e -> {
            int i = e.indexOfAttribute(RtcpAttribute.NAME);
            if (i < 0) {
                return;
            }
            String v = e.get(i).value();
            int portStart = Tokens.skipSpaces(v, RTCP_VALUE);
            int portEnd = Tokens.tokenEnd(v, portStart);
            if (!onHold && Tokens.count(v, portEnd) == 3) {
                v = withAddress(v, portEnd, relay.addressType(), relay.address());
            }
            e.set(i, e.get(i).withValue(Tokens.replace(v, portStart, portEnd, Integer.toString(relay.rtcpPort()))));
        };
    }

    /** A media-level {@code c=} names the relay (the caller keeps a hold's {@code 0.0.0.0} by not applying this). */
    public static SectionEdit relayConnection(RelayEndpoint relay) {
        return e -> {
            int i = e.indexOf('c');
            if (i >= 0) {
                e.set(i, e.get(i).withValue(withAddress(e.get(i).value(), 0, relay.addressType(), relay.address())));
            }
        };
    }

    /** Adds a media-level {@code c=} naming the relay, for a stream that inherited the session's. */
    public static SectionEdit addConnection(RelayEndpoint relay) {
        return e -> {
            int at = 1;
            while (at < e.size() && e.get(at).type() == 'i') {
                at++;
            }
            e.insert(at, new SdpLine('c', Connection.of(relay.addressType(), relay.address()).format(), e.lineEnding()));
        };
    }

    /**
     * {@code value} with the connection fields that start at {@code from} ({@code <nettype> <addrtype>
     * <address>[/suffix]}) naming {@code address}: the address type and the address change, the rest stays.
     */
    static String withAddress(String value, int from, AddressType type, String address) {
        int net = Tokens.skipSpaces(value, from);
        int typeStart = Tokens.skipSpaces(value, Tokens.tokenEnd(value, net));
        int typeEnd = Tokens.tokenEnd(value, typeStart);
        int addrStart = Tokens.skipSpaces(value, typeEnd);
        int addrEnd = addrStart;
        while (addrEnd < value.length() && value.charAt(addrEnd) != ' ' && value.charAt(addrEnd) != '/') {
            addrEnd++;
        }
        return new StringBuilder(value.length() + address.length())
                .append(value, 0, typeStart).append(type.token()).append(value, typeEnd, addrStart)
                .append(address).append(value, addrEnd, value.length()).toString();
    }
}
