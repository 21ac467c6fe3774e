package org.mediarelay.sdp.relay;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.SdpLine;
import org.mediarelay.sdp.SectionEdit;
import org.mediarelay.sdp.SessionDescription;
import org.mediarelay.sdp.ice.IceAttributes;

/**
 * The whole mangling of one SDP for the party that will read it: the relay rewrite ({@link RelayRewrite}), then ICE
 * by {@link IceMode}, rtcp-mux, origin and session name by {@link MangleOptions}. Each step is a small named edit of
 * its own; this class only decides which run on which streams, in which order, and copies each changed section
 * once. Pure.
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
        RelayRewrite.Plan plan = RelayRewrite.plan(sdp, relays);
        List<SdpLine> session = new ArrayList<>(sdp.sessionLines());
        plan.applyTo(session);
        List<MediaSection> media = new ArrayList<>(sdp.media());
        RelayEndpoint[] relay = plan.relays();
        for (int i = 0; i < relay.length; i++) {
            if (relay[i] != null) {
                SectionEdit edit = plan.edits()[i].andThen(iceEdit(options.ice(), relay[i], plan.facts().get(i).doesIce()))
                        .andThen(muxEdit(options.rtcpMux()));
                media.set(i, media.get(i).edited(edit));
            }
        }
        if (options.ice() == IceMode.REMOVE) {
            List<SdpLine> sessionIce = IceAttributes.only(session);
            for (int i = 0; i < media.size(); i++) {
                if (relay[i] == null && !media.get(i).mediaLine().isDisabled() && !sessionIce.isEmpty()) {
                    media.set(i, media.get(i).edited(inherited(sessionIce)));
                }
            }
            session.removeIf(IceAttributes::isIce);
        }
        if (options.replaceOrigin()) {
            for (RelayEndpoint first : relay) {
                if (first != null) {
                    SessionTransforms.originAddress(session, first.addressType(), first.address());
                    break;
                }
            }
        }
        options.sessionName().ifPresent(name -> SessionTransforms.sessionName(session, name));
        return new SessionDescription(session, media, sdp.trailer());
    }

    private static SectionEdit iceEdit(IceMode mode, RelayEndpoint relay, boolean doesIce) {
        switch (mode) {
            case RELAY_CANDIDATE:
                return doesIce ? RelayCandidates.inserted(relay) : SectionEdit.none();
            case REMOVE:
                return IceAttributes.removed();
            case OFF:
            default:
                return SectionEdit.none();
        }
    }

    private static SectionEdit muxEdit(MangleOptions.MuxChange change) {
        switch (change) {
            case ADD:
                return RtcpMux.offered();
            case REMOVE:
                return RtcpMux.removed();
            case KEEP:
            default:
                return SectionEdit.none();
        }
    }

    /**
     * For ICE remove: a stream the relay does not carry keeps its ICE, so the session-level ICE lines it relied on
     * are copied into it (those it does not override).
     */
    private static SectionEdit inherited(List<SdpLine> sessionIce) {
        return e -> {
            Set<String> own = new HashSet<>();
            for (int i = 0; i < e.size(); i++) {
                e.get(i).attributeName().ifPresent(own::add);
            }
            for (SdpLine l : sessionIce) {
                if (!own.contains(l.attributeName().orElse(""))) {
                    e.insert(e.size(), e.attribute(l.value()));
                }
            }
        };
    }
}
