package org.mediarelay.sdp.relay;

import org.mediarelay.sdp.AddressType;
import org.mediarelay.sdp.Connection;
import org.mediarelay.sdp.Direction;
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
        return e -> e.set(0, e.get(0).withValue(e.get(0).readValue((s, from, to) -> {
            int start = MediaLine.portStart(s, from, to);
            return new StringBuilder(to - from + 5).append(s, from, start).append(relay.rtpPort())
                    .append(s, MediaLine.portEnd(s, start, to), to).toString();
        })));
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
            e.set(i, e.get(i).withValue(e.get(i).readValue((s, from, to) -> {
                int portStart = Tokens.skipSpaces(s, from + RTCP_VALUE, to);
                int portEnd = Tokens.tokenEnd(s, portStart, to);
                StringBuilder out = new StringBuilder(to - from + 48).append(s, from, portStart)
                        .append(relay.rtcpPort());
                if (!onHold && Tokens.count(s, portEnd, to) == 3) {
                    return appendWithAddress(out, s, portEnd, to, relay).toString();
                }
                return out.append(s, portEnd, to).toString();
            })));
        };
    }

    /** A media-level {@code c=} names the relay (the caller keeps a hold's {@code 0.0.0.0} by not applying this). */
    public static SectionEdit relayConnection(RelayEndpoint relay) {
        return e -> {
            int i = e.indexOf('c');
            if (i >= 0) {
                e.set(i, e.get(i).withValue(e.get(i).readValue((s, from, to) -> withAddress(s, from, to, relay))));
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

    /** Adds a media-level copy of the session's {@code c=}, for a stream that must keep what it inherited. */
    public static SectionEdit addConnectionLine(SdpLine sessionConnection) {
        return e -> {
            int at = 1;
            while (at < e.size() && e.get(at).type() == 'i') {
                at++;
            }
            e.insert(at, new SdpLine('c', sessionConnection.value(), e.lineEnding()));
        };
    }

    /**
     * A hold's unspecified address ({@code c=} of the section, and {@code a=rtcp}'s if it has one) in the address
     * family of the relay the reader talks to: {@code IN IP4 0.0.0.0} or {@code IN IP6 ::}.
     */
    public static SectionEdit holdInFamilyOf(RelayEndpoint relay) {
        return e -> {
            int c = e.indexOf('c');
            if (c >= 0 && e.get(c).readValue(Connection::isUnspecified)) {
                e.set(c, e.get(c).withValue(e.get(c).readValue((s, from, to) -> unspecifiedIn(s, from, to, relay))));
            }
            int rtcp = e.indexOfAttribute(RtcpAttribute.NAME);
            if (rtcp >= 0) {
                e.set(rtcp, e.get(rtcp).withValue(e.get(rtcp).readValue((s, from, to) -> {
                    int portStart = Tokens.skipSpaces(s, from + RTCP_VALUE, to);
                    int portEnd = Tokens.tokenEnd(s, portStart, to);
                    if (Tokens.count(s, portEnd, to) != 3 || !Connection.isUnspecified(s, portEnd, to)) {
                        return s.substring(from, to);
                    }
                    return s.substring(from, portEnd) + unspecifiedIn(s, portEnd, to, relay);
                })));
            }
        };
    }

    /**
     * A hold the relay's address replaces (ng {@code replace: zero-address}) is said by the direction attribute
     * instead: {@code sendonly} for one that was {@code sendrecv} (or said nothing), {@code inactive} for one that was
     * {@code recvonly}; {@code sendonly} and {@code inactive} already say it.
     *
     * @param session the session-level direction, which the section inherits when it has none
     */
    public static SectionEdit holdByDirection(java.util.Optional<Direction> session) {
        return e -> {
            int at = -1;
            Direction d = null;
            for (int i = 0; i < e.size() && at < 0; i++) {
                for (Direction candidate : Direction.values()) {
                    if (e.get(i).type() == 'a' && e.get(i).value().equals(candidate.token())) {
                        at = i;
                        d = candidate;
                    }
                }
            }
            Direction now = d != null ? d : session.orElse(Direction.SENDRECV);
            Direction held = now == Direction.SENDRECV ? Direction.SENDONLY
                    : now == Direction.RECVONLY ? Direction.INACTIVE : now;
            if (at >= 0) {
                if (held != d) {
                    e.set(at, e.attribute(held.token()).withEol(e.get(at).eol()));
                }
            } else if (held != now) {
                e.insert(e.size(), e.attribute(held.token()));
            }
        };
    }

    /** The connection fields {@code s[from, to)} with the unspecified address of the relay's family. */
    static String unspecifiedIn(String s, int from, int to, RelayEndpoint relay) {
        AddressType family = relay.addressType();
        return appendWithAddress(new StringBuilder(to - from + 4), s, from, to,
                new RelayEndpoint(family, family == AddressType.IP4 ? "0.0.0.0" : "::", 1, 1)).toString();
    }

    /**
     * The connection fields {@code s[from, to)} ({@code <nettype> <addrtype> <address>[/suffix]}, e.g. a {@code c=}
     * value) naming the relay: the address type and the address change, the rest stays.
     */
    static String withAddress(String s, int from, int to, RelayEndpoint relay) {
        return appendWithAddress(new StringBuilder(to - from + relay.address().length()), s, from, to, relay).toString();
    }

    /** Appends {@code s[from, to)}, connection fields, naming the relay's address. */
    private static StringBuilder appendWithAddress(StringBuilder out, String s, int from, int to, RelayEndpoint relay) {
        int net = Tokens.skipSpaces(s, from, to);
        int typeStart = Tokens.skipSpaces(s, Tokens.tokenEnd(s, net, to), to);
        int typeEnd = Tokens.tokenEnd(s, typeStart, to);
        int addrStart = Tokens.skipSpaces(s, typeEnd, to);
        int addrEnd = addrStart;
        while (addrEnd < to && s.charAt(addrEnd) != ' ' && s.charAt(addrEnd) != '/') {
            addrEnd++;
        }
        return out.append(s, from, typeStart).append(relay.addressType().token()).append(s, typeEnd, addrStart)
                .append(relay.address()).append(s, addrEnd, to);
    }
}
