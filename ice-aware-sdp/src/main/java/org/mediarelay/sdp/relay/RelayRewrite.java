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
            boolean onHold = m.connection().or(() -> sessionConnection).map(Connection::isUnspecified).orElse(false);
            m = MediaTransforms.relayPort(relay)
                    .andThen(MediaTransforms.relayRtcp(relay, onHold))
                    .andThen(MediaTransforms.relayConnection(relay))
                    .apply(m);
            if (inherits && !rewriteSession && !onHold) {
                m = MediaTransforms.addConnection(relay).apply(m);
            }
            media.set(e.getKey(), m);
        }
        SessionDescription out = new SessionDescription(sdp.sessionLines(), media, sdp.trailer());
        if (rewriteSession && !sessionConnection.get().isUnspecified()) {
            RelayEndpoint relay = relays.get(firstInheriting(sdp, relays));
            int i = sdp.sessionLineIndex('c');
            Connection c = sessionConnection.get().withAddress(relay.addressType(), relay.address());
            out = out.withSessionLine(i, sdp.sessionLines().get(i).withValue(c.format()));
        }
        return out;
    }

    /**
     * True when at least one relayed stream relies on the session {@code c=}, all such streams go to the same relay
     * address, and no active stream the relay does not carry relies on it.
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
            } else if (first == null) {
                first = relay;
            } else if (!first.sameAddress(relay)) {
                return false;
            }
        }
        return first != null;
    }

    private static int firstInheriting(SessionDescription sdp, Map<Integer, RelayEndpoint> relays) {
        for (int i = 0; i < sdp.media().size(); i++) {
            if (sdp.media().get(i).indexOf('c') < 0 && relays.containsKey(i)) {
                return i;
            }
        }
        throw new IllegalStateException("no relayed stream inherits the session c=");
    }
}
