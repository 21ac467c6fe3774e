package org.mediarelay.node.forward;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The address one party really sends one component from, learned from its packets (symmetric RTP, RFC 4961), and so
 * the address the relay sends that party's media to.
 *
 * <p>Rules of this first version: the first source latches; an exact match of the SDP address and port confirms the
 * latch (and wins over an earlier unconfirmed source); once latched, other sources are dropped. A signalling update
 * that changes the SDP address opens learning again. Until anything is received, media goes to the SDP address.
 *
 * <p>Confined to the stream's event loop: no synchronisation.
 */
final class Latch {

    private InetSocketAddress hint;
    private InetSocketAddress latched;
    private boolean confirmed;

    /** True when a packet from this source may be forwarded; it may latch the source as a side effect. */
    boolean admit(InetSocketAddress source) {
        if (latched == null) {
            latched = source;
            confirmed = source.equals(hint);
            return true;
        }
        if (latched.equals(source)) {
            return true;
        }
        if (!confirmed && source.equals(hint)) {
            latched = source;
            confirmed = true;
            return true;
        }
        return false;
    }

    /** The SDP address from the latest signalling event, or none (hold, host name, no SDP yet). */
    void hint(Optional<InetSocketAddress> newHint) {
        InetSocketAddress h = newHint.orElse(null);
        if (h == null ? hint == null : h.equals(hint)) {
            return;
        }
        hint = h;
        if (latched != null && !latched.equals(h)) {
            latched = null;
            confirmed = false;
        } else if (latched != null) {
            confirmed = true;
        }
    }

    /** Where to send this party's media now, or null when nothing is known yet. */
    InetSocketAddress destination() {
        return latched != null ? latched : hint;
    }

    Optional<InetSocketAddress> latched() {
        return Optional.ofNullable(latched);
    }
}
