package org.mediarelay.sdp.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mediarelay.sdp.Connection;
import org.mediarelay.sdp.Direction;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.SdpLine;
import org.mediarelay.sdp.SectionEdit;
import org.mediarelay.sdp.SessionDescription;

/**
 * Points an SDP at the relay: for every stream the relay carries, its connection address, {@code m=} port and
 * {@code a=rtcp} name the relay's ports facing the party that will read this SDP. Every other line is kept
 * byte-identical; streams not in the map (rejected with port 0, TCP/MSRP, ...) are untouched.
 *
 * <p>An unspecified address ({@code 0.0.0.0}, {@code ::}) is a hold (RFC 3264 §8.4) and stays, written in the address
 * family of the relay the reader talks to (an IPv4 reader is never shown {@code c=IN IP6 ::}), unless the stream does
 * ICE: then it only says "no default candidate yet" (RFC 8839 §4.2.5) and the relay becomes the default. With
 * {@link MangleOptions#replaceZeroAddress()} a hold names the relay too, and its direction attribute says the hold
 * instead: {@code sendonly} (from none or {@code sendrecv}), {@code inactive} (from {@code recvonly}).
 *
 * <p>The session-level {@code c=} is rewritten when every active stream that relies on it is relayed to one relay
 * address; otherwise it keeps serving the streams that rely on it, and each relayed stream that relied on it gets its
 * own {@code c=} (RFC 8866 §5.7: a media-level {@code c=} overrides the session-level one). With
 * {@link MangleOptions#replaceSessionConnection()} it names the relay whenever a stream is relayed, so that no
 * endpoint address stays in it: a stream the relay does not carry that relied on it gets its own {@code c=} with the
 * address it had.
 */
public final class RelayRewrite {

    private RelayRewrite() {
    }

    /** @param relays relay endpoint by media index (position of the {@code m=} line, from 0) */
    public static SessionDescription apply(SessionDescription sdp, Map<Integer, RelayEndpoint> relays) {
        return apply(sdp, relays, MangleOptions.DEFAULT);
    }

    /** As {@link #apply(SessionDescription, Map)}, with the connection options of {@code options}. */
    public static SessionDescription apply(SessionDescription sdp, Map<Integer, RelayEndpoint> relays,
                                           MangleOptions options) {
        Plan plan = plan(sdp, relays, options);
        List<MediaSection> media = new ArrayList<>(sdp.media());
        for (int i = 0; i < media.size(); i++) {
            if (plan.edits()[i] != null) {
                media.set(i, media.get(i).edited(plan.edits()[i]));
            }
        }
        List<SdpLine> session = new ArrayList<>(sdp.sessionLines());
        plan.applyTo(session);
        return new SessionDescription(session, media, sdp.trailer());
    }

    /**
     * What the rewrite does: the relay and an edit per relayed stream (null for the others), by media index; the
     * session {@code c=} line if it changes; and the facts of every stream for later steps.
     */
    record Plan(RelayEndpoint[] relays, SectionEdit[] edits, int sessionConnectionIndex,
                Optional<SdpLine> sessionConnection, List<Facts> facts) {

        void applyTo(List<SdpLine> sessionLines) {
            sessionConnection.ifPresent(l -> sessionLines.set(sessionConnectionIndex, l));
        }
    }

    static Plan plan(SessionDescription sdp, Map<Integer, RelayEndpoint> relayMap, MangleOptions options) {
        RelayEndpoint[] relays = new RelayEndpoint[sdp.media().size()];
        for (Map.Entry<Integer, RelayEndpoint> e : relayMap.entrySet()) {
            int index = e.getKey();
            if (index < 0 || index >= relays.length) {
                throw new IllegalArgumentException("no m= line at index " + index);
            }
            relays[index] = Objects.requireNonNull(e.getValue());
        }
        Ice ice = new Ice(sdp);
        List<Facts> facts = new ArrayList<>(sdp.media().size());
        for (MediaSection m : sdp.media()) {
            Facts f = ice.of(m);
            // A hold the relay replaces with its address is no hold to the rewrite: its direction says it instead.
            facts.add(options.replaceZeroAddress() && f.onHold() ? f.asUnheld() : f);
        }
        int sessionConnection = sdp.sessionLineIndex('c');
        boolean rewriteSession = sessionConnection >= 0 && sessionConnectionFollowsRelay(sdp, relays, facts);
        int first = firstRelayed(relays);
        SdpLine session = sessionConnection < 0 ? null : sdp.sessionLines().get(sessionConnection);
        boolean sessionHold = session != null && session.readValue(Connection::isUnspecified);
        // Asked to hide the endpoint: the session c= names the relay although something else relies on it.
        boolean forceSession = !rewriteSession && session != null && first >= 0 && !sessionHold
                && options.replaceSessionConnection();
        SectionEdit[] edits = new SectionEdit[relays.length];
        for (int i = 0; i < relays.length; i++) {
            RelayEndpoint relay = relays[i];
            Facts f = facts.get(i);
            if (relay == null) {
                if (forceSession && !f.ownConnection() && !sdp.media().get(i).mediaLine().isDisabled()) {
                    edits[i] = MediaTransforms.addConnectionLine(session);
                }
                continue;
            }
            SectionEdit edit = MediaTransforms.relayPort(relay).andThen(MediaTransforms.relayRtcp(relay, f.onHold()));
            if (f.onHold()) {
                edit = edit.andThen(MediaTransforms.holdInFamilyOf(relay));
            } else {
                edit = edit.andThen(MediaTransforms.relayConnection(relay));
                boolean sessionNamesRelay = rewriteSession || forceSession && relay.sameAddress(relays[first]);
                if (!f.ownConnection() && !sessionNamesRelay) {
                    edit = edit.andThen(MediaTransforms.addConnection(relay));
                }
            }
            if (f.unheld()) {
                edit = edit.andThen(MediaTransforms.holdByDirection(ice.sessionDirection));
            }
            edits[i] = edit;
        }
        if (rewriteSession || forceSession) {
            RelayEndpoint relay = relays[rewriteSession ? firstInheriting(relays, facts) : first];
            return new Plan(relays, edits, sessionConnection, Optional.of(session.withValue(
                    session.readValue((s, from, to) -> MediaTransforms.withAddress(s, from, to, relay)))), facts);
        }
        if (sessionHold && first >= 0) {
            RelayEndpoint relay = relays[first];
            return new Plan(relays, edits, sessionConnection, Optional.of(session.withValue(
                    session.readValue((s, from, to) -> MediaTransforms.unspecifiedIn(s, from, to, relay)))), facts);
        }
        return new Plan(relays, edits, -1, Optional.empty(), facts);
    }

    private static int firstRelayed(RelayEndpoint[] relays) {
        for (int i = 0; i < relays.length; i++) {
            if (relays[i] != null) {
                return i;
            }
        }
        return -1;
    }

    /** Whether streams do ICE and whether they are on hold, with the session-level lines read once. */
    static final class Ice {
        private final boolean sessionUfrag;
        private final boolean sessionPwd;
        private final boolean sessionUnspecified;
        final Optional<Direction> sessionDirection;

        Ice(SessionDescription sdp) {
            boolean ufrag = false;
            boolean pwd = false;
            boolean unspecified = false;
            for (SdpLine l : sdp.sessionLines()) {
                ufrag |= l.isAttribute("ice-ufrag");
                pwd |= l.isAttribute("ice-pwd");
                unspecified |= l.type() == 'c' && l.readValue(Connection::isUnspecified);
            }
            this.sessionUfrag = ufrag;
            this.sessionPwd = pwd;
            this.sessionUnspecified = unspecified;
            this.sessionDirection = Direction.in(sdp.sessionLines());
        }

        /** One pass over a section's lines: what the rewrite needs to know about the stream. */
        Facts of(MediaSection m) {
            boolean connection = false;
            boolean unspecified = sessionUnspecified;
            boolean ufrag = sessionUfrag;
            boolean pwd = sessionPwd;
            for (SdpLine l : m.lines()) {
                if (l.type() == 'c' && !connection) {
                    connection = true;
                    unspecified = l.readValue(Connection::isUnspecified);
                } else if (l.type() == 'a' && l.firstChar() == 'i') {
                    ufrag |= l.isAttribute("ice-ufrag");
                    pwd |= l.isAttribute("ice-pwd");
                }
            }
            boolean doesIce = ufrag && pwd;
            return new Facts(connection, unspecified && !doesIce, doesIce, false);
        }
    }

    /**
     * @param ownConnection the section has its own {@code c=}
     * @param onHold        its connection address is unspecified and it does not do ICE: a hold that must stay visible
     * @param doesIce       the party gave ICE credentials for it (media or session level)
     * @param unheld        it was such a hold, and the relay's address replaces the unspecified one (zero-address)
     */
    record Facts(boolean ownConnection, boolean onHold, boolean doesIce, boolean unheld) {

        Facts asUnheld() {
            return new Facts(ownConnection, false, doesIce, true);
        }
    }

    /**
     * True when at least one relayed stream relies on the session {@code c=} and is not a hold, all relayed streams
     * relying on it go to the same relay address, no relayed hold relies on it, and no active stream the relay does
     * not carry relies on it.
     */
    private static boolean sessionConnectionFollowsRelay(SessionDescription sdp, RelayEndpoint[] relays,
                                                         List<Facts> facts) {
        RelayEndpoint first = null;
        for (int i = 0; i < sdp.media().size(); i++) {
            if (facts.get(i).ownConnection()) {
                continue;
            }
            RelayEndpoint relay = relays[i];
            if (relay == null) {
                if (!sdp.media().get(i).mediaLine().isDisabled()) {
                    return false;
                }
            } else if (facts.get(i).onHold()) {
                return false;
            } else if (first == null) {
                first = relay;
            } else if (!first.sameAddress(relay)) {
                return false;
            }
        }
        return first != null;
    }

    private static int firstInheriting(RelayEndpoint[] relays, List<Facts> facts) {
        for (int i = 0; i < facts.size(); i++) {
            if (!facts.get(i).ownConnection() && relays[i] != null && !facts.get(i).onHold()) {
                return i;
            }
        }
        throw new IllegalStateException("no relayed stream inherits the session c=");
    }
}
