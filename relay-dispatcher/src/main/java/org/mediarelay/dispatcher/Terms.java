package org.mediarelay.dispatcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mediarelay.dispatcher.command.SdpCommand;
import org.mediarelay.dispatcher.session.Annotations;
import org.mediarelay.dispatcher.session.CallTerms;
import org.mediarelay.dispatcher.session.StreamSdp;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.sdp.relay.IceMode;
import org.mediarelay.sdp.relay.MangleOptions;

/**
 * How one offer or answer is mangled, given what the call's earlier signalling settled ({@link CallTerms}), and what
 * it settles for later ones. Pure.
 *
 * <ul>
 * <li>ICE: the mode asked for now, else the one the call was last asked for, else relay candidates. A call that had
 * {@code ICE=remove} keeps its endpoints' candidates away in every later SDP that does not ask otherwise.</li>
 * <li>An offer records, per stream, whether the offerer offered {@code a=rtcp-mux}, and what the proxy asked for the
 * answer ({@link org.mediarelay.dispatcher.signalling.RtcpMuxPolicy}).</li>
 * <li>An answer to that offer shows the offerer mux only where it offered it, accepted or refused as asked; it tells
 * the node whether the offerer now multiplexes, and it keeps only formats the offer listed.</li>
 * </ul>
 */
record Terms(CallTerms call, MangleOptions mangle, Map<Integer, Boolean> offererMux,
             Map<Integer, List<String>> offeredCodecs) {

    static Terms of(SdpCommand c, CallTerms current, Party party, StreamPlan plan, Annotations annotations) {
        IceMode ice = c.options().ice().or(current::ice).orElse(IceMode.RELAY_CANDIDATE);
        CallTerms call = c.options().ice().map(current::withIce).orElse(current);
        MangleOptions mangle = c.options().mangleOptions(ice);
        if (c.kind() == SdpCommand.Kind.OFFER) {
            call = call.withOffer(new CallTerms.OfferTerms(party, plan.rtcpMux(), c.options().rtcpMux().back()));
            return new Terms(call, mangle, Map.of(), Map.of());
        }
        Optional<CallTerms.OfferTerms> offer = current.offer().filter(o -> o.offerer() == party.other());
        if (offer.isEmpty()) {
            return new Terms(call, mangle, Map.of(), Map.of());
        }
        Map<Integer, MangleOptions.MuxChange> mux = new HashMap<>();
        Map<Integer, Boolean> offererMux = new HashMap<>();
        Map<Integer, List<String>> codecs = new HashMap<>();
        for (Map.Entry<Integer, Boolean> stream : plan.rtcpMux().entrySet()) {
            int index = stream.getKey();
            MangleOptions.MuxChange change = c.options().rtcpMux().answering(
                    offer.get().offeredMux().getOrDefault(index, false), offer.get().back());
            mux.put(index, change);
            offererMux.put(index, change == MangleOptions.MuxChange.ADD
                    || change == MangleOptions.MuxChange.KEEP && stream.getValue());
            // Only a stream whose answer names a codec its offer did not needs filtering (rarely: most answer well).
            annotations.sdp(party.other(), index).map(StreamSdp::codecs).filter(l -> !l.isEmpty())
                    .filter(offered -> !listsOnly(answered(plan, index), offered))
                    .ifPresent(l -> codecs.put(index, l));
        }
        return new Terms(call, mangle.withMuxByStream(mux), offererMux, codecs);
    }

    private static List<String> answered(StreamPlan plan, int index) {
        for (StreamSdp s : plan.described()) {
            if (s.index() == index) {
                return s.codecs();
            }
        }
        return List.of();
    }

    /** Whether every codec of {@code answer} is one of {@code offer}'s ({@code name/rate[/channels]}, any case). */
    private static boolean listsOnly(List<String> answer, List<String> offer) {
        for (String a : answer) {
            boolean found = false;
            for (String o : offer) {
                found |= o.equalsIgnoreCase(a);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** The node's setups, each telling whether the offerer multiplexes RTCP once this answer reaches it. */
    List<StreamSetup> setups(List<StreamSetup> setups) {
        if (offererMux.isEmpty()) {
            return setups;
        }
        List<StreamSetup> out = new ArrayList<>(setups.size());
        for (StreamSetup s : setups) {
            Boolean mux = offererMux.get(s.index());
            out.add(mux == null ? s : s.withPeerRtcpMux(mux));
        }
        return out;
    }
}
