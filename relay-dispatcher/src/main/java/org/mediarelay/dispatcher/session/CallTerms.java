package org.mediarelay.dispatcher.session;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mediarelay.dispatcher.signalling.RtcpMuxPolicy;
import org.mediarelay.node.api.Party;
import org.mediarelay.sdp.relay.IceMode;

/**
 * What a call's signalling settled that later SDPs of the call must follow.
 *
 * @param aliases tags a party took on after the call began (a B2BUA or a transfer re-tags a re-INVITE), with the party
 *                each stands for
 * @param ice     the ICE mode last asked for: a later SDP that does not say keeps it
 * @param offer   what the latest offer said that its answer needs
 */
public record CallTerms(Map<String, Party> aliases, Optional<IceMode> ice, Optional<OfferTerms> offer) {

    /** At most this many aliases are kept per call: the key is the proxy's input. */
    public static final int MAX_ALIASES = 16;

    public static final CallTerms NONE = new CallTerms(Map.of(), Optional.empty(), Optional.empty());

    public CallTerms {
        aliases = Map.copyOf(aliases);
        Objects.requireNonNull(ice);
        Objects.requireNonNull(offer);
    }

    /**
     * What an offer said for its answer: who offered, on which streams it offered {@code a=rtcp-mux}, and what the
     * proxy asked for the mux back.
     */
    public record OfferTerms(Party offerer, Map<Integer, Boolean> offeredMux, RtcpMuxPolicy.Back back) {
        public OfferTerms {
            Objects.requireNonNull(offerer);
            offeredMux = Map.copyOf(offeredMux);
            Objects.requireNonNull(back);
        }
    }

    public CallTerms withAlias(String tag, Party party) {
        if (aliases.size() >= MAX_ALIASES || party.equals(aliases.get(tag))) {
            return this;
        }
        Map<String, Party> next = new HashMap<>(aliases);
        next.put(tag, party);
        return new CallTerms(next, ice, offer);
    }

    public CallTerms withIce(IceMode mode) {
        return new CallTerms(aliases, Optional.of(mode), offer);
    }

    public CallTerms withOffer(OfferTerms terms) {
        return new CallTerms(aliases, ice, Optional.of(terms));
    }
}
