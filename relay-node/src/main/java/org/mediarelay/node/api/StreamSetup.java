package org.mediarelay.node.api;

import java.util.Map;
import java.util.Objects;

/**
 * One media stream to relay, identified within its session by the index of its {@code m=} line.
 *
 * @param clockRates RTP clock rate by payload type, from the party's {@code a=rtpmap} lines (for jitter); the
 *                   static payload types need no entry
 */
public record StreamSetup(int index, String media, PartyHints hints, Map<Integer, Integer> clockRates) {

    public StreamSetup {
        Objects.requireNonNull(media);
        Objects.requireNonNull(hints);
        clockRates = Map.copyOf(clockRates);
    }

    public StreamSetup(int index, String media, PartyHints hints) {
        this(index, media, hints, Map.of());
    }
}
