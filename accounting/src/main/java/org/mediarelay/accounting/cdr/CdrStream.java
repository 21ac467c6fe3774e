package org.mediarelay.accounting.cdr;

import java.util.Objects;

/**
 * One relayed media stream of a session. {@code caller.rtp} counts what the caller sent (caller → callee);
 * {@code callee.rtp} what the callee sent (callee → caller).
 */
public record CdrStream(int index, String media, StreamPath path, CdrParty caller, CdrParty callee) {

    public CdrStream {
        Objects.requireNonNull(path);
    }
}
