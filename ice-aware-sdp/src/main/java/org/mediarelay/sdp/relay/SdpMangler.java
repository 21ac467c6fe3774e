package org.mediarelay.sdp.relay;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.SdpLine;
import org.mediarelay.sdp.SessionDescription;
import org.mediarelay.sdp.ice.IceAttributes;

/**
 * The whole mangling of one SDP for the party that will read it: the relay rewrite ({@link RelayRewrite}), then ICE
 * by {@link IceMode}, rtcp-mux, origin and session name by {@link MangleOptions}. Each step is a small transform of
 * its own; this class only decides which run, on which streams, in which order. Pure.
 *
 * <p>Invariant in {@link IceMode#RELAY_CANDIDATE} mode: every relayed stream whose party does ICE has its default
 * address and port among its candidates (the relay candidate), so the peer never sees an ICE mismatch.
 */
public final class SdpMangler {

    private SdpMangler() {
    }

    /** @param relays relay endpoint by media index, for the streams the relay carries */
    public static SessionDescription mangle(SessionDescription sdp, Map<Integer, RelayEndpoint> relays,
                                            MangleOptions options) {
        SessionDescription out = RelayRewrite.apply(sdp, relays);
        out = ice(out, relays.keySet(), relays, options.ice());
        out = mux(out, relays.keySet(), options.rtcpMux());
        if (options.replaceOrigin() && !relays.isEmpty()) {
            RelayEndpoint first = relays.get(relays.keySet().stream().min(Integer::compare).orElseThrow());
            out = SessionTransforms.originAddress(first.addressType(), first.address()).apply(out);
        }
        if (options.sessionName().isPresent()) {
            out = SessionTransforms.sessionName(options.sessionName().get()).apply(out);
        }
        return out;
    }

    private static SessionDescription ice(SessionDescription sdp, Set<Integer> relayed,
                                          Map<Integer, RelayEndpoint> relays, IceMode mode) {
        switch (mode) {
            case RELAY_CANDIDATE:
                return eachRelayed(sdp, relayed, (i, m) -> RelayRewrite.hasIceCredentials(sdp, m)
                        ? RelayCandidates.inserted(relays.get(i)).apply(m) : m);
            case REMOVE:
                return iceRemoved(sdp, relayed);
            case OFF:
            default:
                return sdp;
        }
    }

    /**
     * ICE goes from the relayed streams and from the session level. A stream the relay does not carry keeps its ICE:
     * the session-level credentials it relied on are copied into it.
     */
    private static SessionDescription iceRemoved(SessionDescription sdp, Set<Integer> relayed) {
        List<SdpLine> sessionIce = IceAttributes.only(sdp.sessionLines());
        List<MediaSection> media = new ArrayList<>(sdp.media().size());
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaSection m = sdp.media().get(i);
            if (relayed.contains(i)) {
                media.add(IceAttributes.removed().apply(m));
            } else if (!m.mediaLine().isDisabled() && !sessionIce.isEmpty()) {
                media.add(withInherited(m, sessionIce));
            } else {
                media.add(m);
            }
        }
        return new SessionDescription(IceAttributes.withoutIce(sdp.sessionLines()), media, sdp.trailer());
    }

    private static MediaSection withInherited(MediaSection m, List<SdpLine> sessionIce) {
        Set<String> own = new HashSet<>();
        m.lines().forEach(l -> l.attributeName().ifPresent(own::add));
        MediaSection out = m;
        for (SdpLine l : sessionIce) {
            if (!own.contains(l.attributeName().orElse(""))) {
                out = out.insertLine(out.lines().size(), new SdpLine('a', l.value(), m.lineEnding()));
            }
        }
        return out;
    }

    private static SessionDescription mux(SessionDescription sdp, Set<Integer> relayed, MangleOptions.MuxChange change) {
        switch (change) {
            case ADD:
                return eachRelayed(sdp, relayed, (i, m) -> RtcpMux.offered().apply(m));
            case REMOVE:
                return eachRelayed(sdp, relayed, (i, m) -> RtcpMux.removed().apply(m));
            case KEEP:
            default:
                return sdp;
        }
    }

    private interface IndexedTransform {
        MediaSection apply(int index, MediaSection section);
    }

    private static SessionDescription eachRelayed(SessionDescription sdp, Set<Integer> relayed, IndexedTransform t) {
        SessionDescription out = sdp;
        for (int i : relayed) {
            out = out.withMedia(i, t.apply(i, out.media().get(i)));
        }
        return out;
    }
}
