package org.mediarelay.sdp.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mediarelay.sdp.Connection;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.SessionDescription;

/**
 * Points an SDP at the relay: for every stream the relay carries, its connection address, {@code m=} port and
 * {@code a=rtcp} name the relay's ports facing the party that will read this SDP. Every other line is kept
 * byte-identical; streams not in the map (rejected with port 0, TCP/MSRP, ...) are untouched.
 *
 * <p>An unspecified address ({@code 0.0.0.0}) is a hold (RFC 3264 §8.4) and stays, unless the stream does ICE: then
 * it only says "no default candidate yet" (RFC 8839 §4.2.5) and the relay becomes the default.
 *
 * <p>The session-level {@code c=} is rewritten only when every active stream that relies on it is relayed to one
 * relay address; otherwise it keeps serving the streams that rely on it, and each relayed stream that relied on it
 * gets its own {@code c=} (RFC 8866 §5.7: a media-level {@code c=} overrides the session-level one).
 */
public final class RelayRewrite {

    private RelayRewrite() {
    }

    /** @param relays relay endpoint by media index (position of the {@code m=} line, from 0) */
    public static SessionDescription apply(SessionDescription sdp, Map<Integer, RelayEndpoint> relays) {
        for (Integer index : relays.keySet()) {
            if (index < 0 || index >= sdp.media().size()) {
                throw new IllegalArgumentException("no m= line at index " + index);
            }
        }
        Optional<Connection> sessionConnection = sdp.sessionConnection();
        boolean rewriteSession = sessionConnection.isPresent() && sessionConnectionFollowsRelay(sdp, relays);
        List<MediaSection> media = new ArrayList<>(sdp.media());
        for (Map.Entry<Integer, RelayEndpoint> e : relays.entrySet()) {
            MediaSection m = media.get(e.getKey());
            RelayEndpoint relay = e.getValue();
            boolean inherits = m.indexOf('c') < 0;
            boolean onHold = isHold(sdp, m);
            m = MediaTransforms.relayPort(relay)
                    .andThen(MediaTransforms.relayRtcp(relay, onHold))
                    .andThen(onHold ? x -> x : MediaTransforms.relayConnection(relay))
                    .apply(m);
            if (inherits && !rewriteSession && !onHold) {
                m = MediaTransforms.addConnection(relay).apply(m);
            }
            media.set(e.getKey(), m);
        }
        SessionDescription out = new SessionDescription(sdp.sessionLines(), media, sdp.trailer());
        if (rewriteSession) {
            RelayEndpoint relay = relays.get(firstInheriting(sdp, relays));
            int i = sdp.sessionLineIndex('c');
            Connection c = sessionConnection.get().withAddress(relay.addressType(), relay.address());
            out = out.withSessionLine(i, sdp.sessionLines().get(i).withValue(c.format()));
        }
        return out;
    }

    /** The stream's connection address is unspecified and it does not do ICE: a hold that must stay visible. */
    static boolean isHold(SessionDescription sdp, MediaSection m) {
        boolean unspecified = m.connection().or(sdp::sessionConnection).map(Connection::isUnspecified).orElse(false);
        return unspecified && !hasIceCredentials(sdp, m);
    }

    static boolean hasIceCredentials(SessionDescription sdp, MediaSection m) {
        return has(sdp, m, "ice-ufrag") && has(sdp, m, "ice-pwd");
    }

    private static boolean has(SessionDescription sdp, MediaSection m, String attribute) {
        return m.hasAttribute(attribute) || sdp.sessionLines().stream().anyMatch(l -> l.isAttribute(attribute));
    }

    /**
     * True when at least one relayed stream relies on the session {@code c=} and is not a hold, all relayed streams
     * relying on it go to the same relay address, and no active stream the relay does not carry relies on it.
     */
    private static boolean sessionConnectionFollowsRelay(SessionDescription sdp, Map<Integer, RelayEndpoint> relays) {
        RelayEndpoint first = null;
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaSection m = sdp.media().get(i);
            if (m.indexOf('c') >= 0) {
                continue;
            }
            RelayEndpoint relay = relays.get(i);
            if (relay == null) {
                if (!m.mediaLine().isDisabled()) {
                    return false;
                }
            } else if (isHold(sdp, m)) {
                continue;
            } else if (first == null) {
                first = relay;
            } else if (!first.sameAddress(relay)) {
                return false;
            }
        }
        return first != null && !anyInheritingHold(sdp, relays);
    }

    /** A relayed hold stream relying on the session {@code c=} needs it to stay unspecified. */
    private static boolean anyInheritingHold(SessionDescription sdp, Map<Integer, RelayEndpoint> relays) {
        for (int i : relays.keySet()) {
            MediaSection m = sdp.media().get(i);
            if (m.indexOf('c') < 0 && isHold(sdp, m)) {
                return true;
            }
        }
        return false;
    }

    private static int firstInheriting(SessionDescription sdp, Map<Integer, RelayEndpoint> relays) {
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaSection m = sdp.media().get(i);
            if (m.indexOf('c') < 0 && relays.containsKey(i) && !isHold(sdp, m)) {
                return i;
            }
        }
        throw new IllegalStateException("no relayed stream inherits the session c=");
    }
}
