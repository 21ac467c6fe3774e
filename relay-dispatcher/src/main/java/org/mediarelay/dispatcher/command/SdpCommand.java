package org.mediarelay.dispatcher.command;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * An SDP offer or answer passing through the proxy.
 *
 * @param fromTag      the From tag of the SIP message that carried the SDP (the dialog's From tag for replies)
 * @param toTag        the To tag; required for answers
 * @param sdp          the body, one char per byte (ISO-8859-1), so that it passes byte-exact
 * @param receivedFrom the SIP source address of the message, when the proxy gives it
 * @param options      how to rewrite the SDP besides pointing it at the relay
 */
public record SdpCommand(Kind kind, String callId, String fromTag, Optional<String> toTag, String sdp,
                         Optional<InetAddress> receivedFrom, SdpOptions options) {

    public enum Kind {
        OFFER,
        ANSWER
    }

    public SdpCommand {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(callId);
        Objects.requireNonNull(fromTag);
        Objects.requireNonNull(sdp);
        Objects.requireNonNull(options);
        if (kind == Kind.ANSWER && toTag.isEmpty()) {
            throw new IllegalArgumentException("an answer needs a to-tag");
        }
    }

    public static SdpCommand offer(String callId, String fromTag, String sdp) {
        return new SdpCommand(Kind.OFFER, callId, fromTag, Optional.empty(), sdp, Optional.empty(), SdpOptions.DEFAULT);
    }

    public static SdpCommand answer(String callId, String fromTag, String toTag, String sdp) {
        return new SdpCommand(Kind.ANSWER, callId, fromTag, Optional.of(toTag), sdp, Optional.empty(),
                SdpOptions.DEFAULT);
    }

    public SdpCommand withOptions(SdpOptions newOptions) {
        return new SdpCommand(kind, callId, fromTag, toTag, sdp, receivedFrom, newOptions);
    }
}
