package org.mediarelay.dispatcher.signalling;

import java.util.Optional;

/**
 * What a proxy may say of the SIP message that carried an SDP (rtpengine's ng keys {@code sip-code} and
 * {@code sip-message-type}; Kamailio and OpenSIPS send them only when the script adds them). Without it, the relay
 * infers what it can from the tags (docs/cdr.md, Answer time and roles).
 *
 * @param code        the SIP response code of a reply (183, 200, ...)
 * @param inResponse  whether the SDP came in a SIP response (true) or request (false), when said
 */
public record SipContext(Optional<Integer> code, Optional<Boolean> inResponse) {

    public static final SipContext NONE = new SipContext(Optional.empty(), Optional.empty());

    public SipContext {
        if (code.isPresent() && (code.get() < 100 || code.get() > 699)) {
            throw new IllegalArgumentException("a SIP response code is 100 to 699, not " + code.get());
        }
    }

    /** A provisional response (1xx): an answer in it is early media, not the call's answer. */
    public boolean provisional() {
        return code.filter(c -> c < 200).isPresent();
    }

    /** A success response (2xx): an answer in it is the call's answer. */
    public boolean success() {
        return code.filter(c -> c >= 200 && c < 300).isPresent();
    }
}
