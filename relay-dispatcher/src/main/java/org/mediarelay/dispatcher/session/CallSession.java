package org.mediarelay.dispatcher.session;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mediarelay.dispatcher.signalling.Annotation;
import org.mediarelay.dispatcher.signalling.SipContext;
import org.mediarelay.node.api.Party;
import org.mediarelay.sdp.relay.SdpVersioning;

/**
 * What the dispatcher remembers of one call. Immutable: every change makes a new record, stored in place of the old.
 *
 * @param sessionId  unique id of this session on its node (and of its CDR)
 * @param callerTag  the From tag of the initial offer; the party with this tag is the {@link Party#CALLER}
 * @param calleeTag  the tag of the answering party, once an answer was seen
 * @param nodeId     the relay node that carries the call's media
 * @param lastSignal  when the last offer or answer of the call was handled
 * @param sent        per party, the last SDP the relay sent it, when the relay manages the {@code o=} version
 * @param annotations labels and metadata the proxy attached
 * @param terms       what the signalling settled for later SDPs: re-tags, the ICE mode, the latest offer's terms
 * @param branches    the callee side: the branches of a forked call, each answering tag, and which answered last
 * @param dialog      what the signalling told of the SIP dialog: a late offer, whether the answer time is settled
 */
public record CallSession(String sessionId, String callId, String callerTag, Optional<String> calleeTag,
                          String nodeId, String mediaAddress, Instant created, Optional<Instant> answered,
                          Instant lastSignal, Map<Party, SdpVersioning.Sent> sent, Annotations annotations,
                          CallTerms terms, Branches branches, DialogState dialog) {

    public CallSession {
        Objects.requireNonNull(sessionId);
        Objects.requireNonNull(callId);
        Objects.requireNonNull(callerTag);
        Objects.requireNonNull(nodeId);
        Objects.requireNonNull(created);
        Objects.requireNonNull(lastSignal);
        Objects.requireNonNull(annotations);
        Objects.requireNonNull(terms);
        Objects.requireNonNull(branches);
        Objects.requireNonNull(dialog);
        sent = Map.copyOf(sent);
    }

    /** A call as its first offer creates it. */
    public static CallSession offered(String sessionId, String callId, String callerTag, String nodeId, Instant at) {
        return new CallSession(sessionId, callId, callerTag, Optional.empty(), nodeId, "", at, Optional.empty(), at,
                Map.of(), Annotations.NONE, CallTerms.NONE, Branches.of(sessionId), DialogState.NONE);
    }

    /** This session with what {@code party}'s latest SDP said of its streams. */
    public CallSession withSdp(Party party, List<StreamSdp> streams) {
        return new CallSession(sessionId, callId, callerTag, calleeTag, nodeId, mediaAddress, created, answered,
                lastSignal, sent, annotations.withSdp(party, streams), terms, branches, dialog);
    }

    /** The party a tag belongs to, if any: its own tag, or one it took on later ({@link CallTerms#aliases()}). */
    public Optional<Party> partyOf(String tag) {
        if (tag.equals(callerTag)) {
            return Optional.of(Party.CALLER);
        }
        if (calleeTag.filter(tag::equals).isPresent() || branches.byTag(tag).isPresent()) {
            return Optional.of(Party.CALLEE);
        }
        return Optional.ofNullable(terms.aliases().get(tag));
    }

    /** This session with what later SDPs of the call must follow. */
    public CallSession withTerms(CallTerms next) {
        return new CallSession(sessionId, callId, callerTag, calleeTag, nodeId, mediaAddress, created, answered,
                lastSignal, sent, annotations, next, branches, dialog);
    }

    /**
     * {@code tag} answered from the active branch (or the branch it answered from before): it is the callee now.
     * The answer time follows {@link #answeredBy(int, String, String, Instant, SipContext)}.
     */
    public CallSession answeredBy(String tag, String address, Instant at) {
        return answeredBy(branches.byTag(tag).orElse(branches.activeIndex()), tag, address, at,
                SipContext.NONE);
    }

    /** {@code tag} answered from branch {@code branch}, in a message of unknown response code. */
    public CallSession answeredBy(int branch, String tag, String address, Instant at) {
        return answeredBy(branch, tag, address, at, SipContext.NONE);
    }

    /**
     * {@code tag} answered from branch {@code branch}: that branch is the active one, {@code tag} the callee. The call's
     * answer time: an answer in a 1xx is early media and leaves it; one in a 2xx sets it for good; one whose response
     * code is not known sets it until it is settled (the last answer before the next offer is the 200 OK's).
     */
    public CallSession answeredBy(int branch, String tag, String address, Instant at,
                                  SipContext sip) {
        Optional<Instant> when = answered;
        DialogState next = dialog;
        if (!dialog.answerFinal() && !sip.provisional()) {
            when = Optional.of(at);
            next = sip.success() ? dialog.settled() : dialog;
        }
        return new CallSession(sessionId, callId, callerTag, Optional.of(tag), nodeId, address, created, when,
                lastSignal, sent, annotations, terms, branches.answered(branch, tag), next);
    }

    /** An offer arrived: after an answer it is a re-INVITE or UPDATE of a confirmed dialog, so the answer time stays. */
    public CallSession offered() {
        return answered.isEmpty() || dialog.answerFinal() ? this : withDialog(dialog.settled());
    }

    public CallSession withDialog(DialogState next) {
        return new CallSession(sessionId, callId, callerTag, calleeTag, nodeId, mediaAddress, created, answered,
                lastSignal, sent, annotations, terms, branches, next);
    }

    /** This session with its callee side changed; the callee is the active branch's latest tag, if any. */
    public CallSession withBranches(Branches next) {
        List<String> tags = next.active().tags();
        Optional<String> callee = tags.isEmpty() ? Optional.empty() : Optional.of(tags.get(tags.size() - 1));
        return new CallSession(sessionId, callId, callerTag, callee, nodeId, mediaAddress, created, answered,
                lastSignal, sent, annotations, terms, next, dialog);
    }

    public CallSession withMediaAddress(String address) {
        return new CallSession(sessionId, callId, callerTag, calleeTag, nodeId, address, created, answered, lastSignal,
                sent, annotations, terms, branches, dialog);
    }

    /** The last SDP sent to {@code party}, when the relay manages its version. */
    public Optional<SdpVersioning.Sent> sentTo(Party party) {
        return Optional.ofNullable(sent.get(party));
    }

    public CallSession withSent(Party party, SdpVersioning.Sent last) {
        Map<Party, SdpVersioning.Sent> next = new HashMap<>(sent);
        next.put(party, last);
        return new CallSession(sessionId, callId, callerTag, calleeTag, nodeId, mediaAddress, created, answered,
                lastSignal, next, annotations, terms, branches, dialog);
    }

    /** This session after a signalling event of {@code party} at {@code at}, with what it attached. */
    public CallSession signalled(Party party, Instant at, Annotation annotation) {
        return new CallSession(sessionId, callId, callerTag, calleeTag, nodeId, mediaAddress, created, answered, at,
                sent, annotations.with(party, annotation), terms, branches, dialog);
    }

    /** The tag of a party, once known. */
    public Optional<String> tagOf(Party party) {
        return party == Party.CALLER ? Optional.of(callerTag) : calleeTag;
    }
}
