package org.mediarelay.dispatcher.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one party's latest SDP said of one stream, for the CDR: where it asked to receive RTP and the codecs it listed.
 *
 * @param index  the {@code m=} line's position
 * @param rtp    {@code ip:port} ({@code [v6]:port}) it announced; empty for a hold address or a host name
 * @param codecs its formats as {@code name/rate[/channels]} ({@code PCMU/8000}, {@code opus/48000/2}), in its order
 */
public record StreamSdp(int index, Optional<String> rtp, List<String> codecs) {

    public StreamSdp {
        Objects.requireNonNull(rtp);
        codecs = List.copyOf(codecs);
    }
}
