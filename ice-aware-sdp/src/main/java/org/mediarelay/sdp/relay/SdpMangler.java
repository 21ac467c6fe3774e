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
 * The whole mangling of one SDP for the party that will read it: the relay rewrite ({@link RelayRewrite}), then
 * codecs ({@link CodecFilter}), rtcp-mux, ICE by {@link IceMode}, origin and session name by {@link MangleOptions}.
 * Each step is a small named edit of its own; this class only decides which run on which streams, in which order, and
 * copies each changed section once. Pure.
 *
 * <p>Invariant in {@link IceMode#RELAY_CANDIDATE} mode: every relayed stream whose party does ICE has its default
 * address and port among its candidates (the relay candidate), so the peer never sees an ICE mismatch. The ICE step
 * runs after rtcp-mux, so that the relay's candidates are for the components the reader will see.
 */
public final class SdpMangler {

    private SdpMangler() {
    }

    /** An SDP as mangled, and what could not be done as asked (a filter that would have emptied a stream). */
    public record Mangled(SessionDescription sdp, List<String> notes) {
        public Mangled {
            notes = List.copyOf(notes);
        }
    }

    /** @param relays relay endpoint by media index, for the streams the relay carries */
    public static SessionDescription mangle(SessionDescription sdp, Map<Integer, RelayEndpoint> relays,
                                            MangleOptions options) {
        return mangled(sdp, relays, options, Map.of()).sdp();
    }

    /**
     * @param offered for an answer, the formats its offer listed per media index ({@code name/rate[/channels]}): the
     *                reader gets no other ({@link CodecFilter#offeredOnly}); empty for an offer
     */
    public static Mangled mangled(SessionDescription sdp, Map<Integer, RelayEndpoint> relays, MangleOptions options,
                                  Map<Integer, List<String>> offered) {
        RelayRewrite.Plan plan = RelayRewrite.plan(sdp, relays, options);
        List<SdpLine> session = new ArrayList<>(sdp.sessionLines());
        plan.applyTo(session);
        List<MediaSection> media = new ArrayList<>(sdp.media());
        List<String> notes = new ArrayList<>();
        RelayEndpoint[] relay = plan.relays();
        for (int i = 0; i < relay.length; i++) {
            SectionEdit rewrite = plan.edits()[i];
            if (relay[i] != null) {
                SectionEdit edit = rewrite.andThen(codecEdit(i, media.get(i), options, offered.get(i), notes))
                        .andThen(RtcpMux.edit(options.muxFor(i)))
                        .andThen(iceEdit(options.ice(), relay[i], plan.facts().get(i).doesIce()));
                media.set(i, media.get(i).edited(edit));
            } else if (rewrite != null) {
                media.set(i, media.get(i).edited(rewrite));
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
        if (options.codecs().stripExtmap()) {
            session.removeIf(l -> l.isAttribute("extmap"));
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
        return new Mangled(new SessionDescription(session, media, sdp.trailer()), notes);
    }

    /** The operator's codec rules, then (in an answer) only what the offer listed, then extensions. */
    private static SectionEdit codecEdit(int index, MediaSection section, MangleOptions options, List<String> offered,
                                         List<String> notes) {
        SectionEdit edit = SectionEdit.none();
        MediaSection current = section;
        if (!options.codecs().isNone()) {
            CodecFilter.Decision d = CodecFilter.byRules(index, current, options.codecs());
            d.note().ifPresent(notes::add);
            edit = d.edit();
            current = current.edited(edit);
        }
        if (offered != null) {
            CodecFilter.Decision d = CodecFilter.offeredOnly(index, current, offered);
            d.note().ifPresent(notes::add);
            edit = edit.andThen(d.edit());
        }
        if (options.codecs().stripExtmap()) {
            edit = edit.andThen(CodecFilter.extmapRemoved());
        }
        return edit;
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
