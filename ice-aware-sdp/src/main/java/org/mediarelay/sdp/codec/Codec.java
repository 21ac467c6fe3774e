package org.mediarelay.sdp.codec;

import java.util.Optional;

/**
 * A format of an {@code m=} line as a relay reports it (CDRs, statistics): its payload type, encoding name, clock
 * rate, channels (audio: 1 unless stated; 0 for video and others) and {@code fmtp} parameters.
 */
public record Codec(String payloadType, String name, long clockRate, int channels, Optional<String> parameters) {

    /** {@code PCMU/8000}, {@code opus/48000/2}: the usual short form. */
    public String label() {
        return name + "/" + clockRate + (channels > 1 ? "/" + channels : "");
    }
}
