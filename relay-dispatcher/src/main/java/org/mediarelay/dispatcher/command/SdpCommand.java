package org.mediarelay.dispatcher.command;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import org.mediarelay.dispatcher.signalling.Annotation;
import org.mediarelay.dispatcher.signalling.SipContext;

/**
 * An SDP offer or answer passing through the proxy.
 *
 * @param fromTag      the From tag of the SIP message that carried the SDP (the dialog's From tag for replies)
 * @param toTag        the To tag; required for answers
 * @param sdp          the body, one char per byte (ISO-8859-1), so that it passes byte-exact
 * @param receivedFrom the SIP source address of the message, when the proxy gives it
 * @param mediaAddress the address the sender's media comes from, in place of the SDP's (ng {@code media address},
 *                     or {@code received from} with the {@code SIP source address} flag)
 * @param options      how to rewrite the SDP besides pointing it at the relay
 * @param annotation   label and metadata to remember with the call
 * @param preferredRelay the relay node (id or media address) a new call should go to, when it can take it
 * @param viaBranch    the branch of the SIP request's Via (ng {@code via-branch}): tells a forked call's branches apart
 * @param sip          what the proxy said of the SIP message (response code, request or response), if anything
 */
public record SdpCommand(Kind kind, String callId, String fromTag, Optional<String> toTag, String sdp,
                         Optional<InetAddress> receivedFrom, Optional<InetAddress> mediaAddress, SdpOptions options,
                         Annotation annotation, Optional<String> preferredRelay, Optional<String> viaBranch,
                         SipContext sip) {

    public enum Kind {
        OFFER,
        ANSWER
    }

    public SdpCommand {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(callId);
        Objects.requireNonNull(fromTag);
        Objects.requireNonNull(sdp);
        Objects.requireNonNull(receivedFrom);
        Objects.requireNonNull(mediaAddress);
        Objects.requireNonNull(options);
        Objects.requireNonNull(annotation);
        Objects.requireNonNull(preferredRelay);
        Objects.requireNonNull(viaBranch);
        Objects.requireNonNull(sip);
        if (kind == Kind.ANSWER && toTag.isEmpty()) {
            throw new IllegalArgumentException("an answer needs a to-tag");
        }
    }

    public static SdpCommand offer(String callId, String fromTag, String sdp) {
        return new SdpCommand(Kind.OFFER, callId, fromTag, Optional.empty(), sdp, Optional.empty(), Optional.empty(),
                SdpOptions.DEFAULT, Annotation.NONE, Optional.empty(), Optional.empty(), SipContext.NONE);
    }

    public static SdpCommand answer(String callId, String fromTag, String toTag, String sdp) {
        return new SdpCommand(Kind.ANSWER, callId, fromTag, Optional.of(toTag), sdp, Optional.empty(),
                Optional.empty(), SdpOptions.DEFAULT, Annotation.NONE, Optional.empty(), Optional.empty(), SipContext.NONE);
    }

    public SdpCommand withOptions(SdpOptions newOptions) {
        return new SdpCommand(kind, callId, fromTag, toTag, sdp, receivedFrom, mediaAddress, newOptions, annotation,
                preferredRelay, viaBranch, sip);
    }

    public SdpCommand withReceivedFrom(Optional<InetAddress> address) {
        return new SdpCommand(kind, callId, fromTag, toTag, sdp, address, mediaAddress, options, annotation,
                preferredRelay, viaBranch, sip);
    }

    public SdpCommand withMediaAddress(Optional<InetAddress> address) {
        return new SdpCommand(kind, callId, fromTag, toTag, sdp, receivedFrom, address, options, annotation,
                preferredRelay, viaBranch, sip);
    }

    public SdpCommand withPreferredRelay(Optional<String> relay) {
        return new SdpCommand(kind, callId, fromTag, toTag, sdp, receivedFrom, mediaAddress, options, annotation, relay,
                viaBranch, sip);
    }

    public SdpCommand withAnnotation(Annotation a) {
        return new SdpCommand(kind, callId, fromTag, toTag, sdp, receivedFrom, mediaAddress, options, a, preferredRelay,
                viaBranch, sip);
    }

    public SdpCommand withViaBranch(Optional<String> branch) {
        return new SdpCommand(kind, callId, fromTag, toTag, sdp, receivedFrom, mediaAddress, options, annotation,
                preferredRelay, branch, sip);
    }

    public SdpCommand withSip(SipContext context) {
        return new SdpCommand(kind, callId, fromTag, toTag, sdp, receivedFrom, mediaAddress, options, annotation,
                preferredRelay, viaBranch, context);
    }
}
