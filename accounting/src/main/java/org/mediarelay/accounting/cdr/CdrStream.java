package org.mediarelay.accounting.cdr;

import java.util.List;
import java.util.Objects;

/**
 * One relayed media stream of a session. {@code caller.rtp} counts what the caller sent (caller → callee);
 * {@code callee.rtp} what the callee sent (callee → caller).
 *
 * @param codecs the stream's codecs as negotiated: the answer's formats ({@code PCMU/8000}), the offer's while
 *               unanswered; empty when the signalling carried no SDP (MediaProxy protocol)
 */
public record CdrStream(int index, String media, StreamPath path, CdrParty caller, CdrParty callee,
                        List<String> codecs) {

    public CdrStream {
        Objects.requireNonNull(path);
        codecs = List.copyOf(codecs);
    }

    public CdrStream(int index, String media, StreamPath path, CdrParty caller, CdrParty callee) {
        this(index, media, path, caller, callee, List.of());
    }
}
