package org.mediarelay.node.quality;

import java.util.Map;

/**
 * RTP clock rates by payload type: the stream's own ({@code a=rtpmap}, from the SDP) over the static assignments of
 * RFC 3551. Immutable.
 */
public final class ClockRates {

    public static final ClockRates STATIC = new ClockRates(Map.of());

    private final int[] byType = new int[128];

    public ClockRates(Map<Integer, Integer> fromSdp) {
        for (int pt : new int[] {0, 3, 4, 5, 7, 8, 9, 12, 13, 15, 18}) {
            byType[pt] = 8000;
        }
        byType[6] = 16000;
        byType[10] = 44100;
        byType[11] = 44100;
        byType[16] = 11025;
        byType[17] = 22050;
        for (int pt : new int[] {14, 25, 26, 28, 31, 32, 33, 34}) {
            byType[pt] = 90000;
        }
        fromSdp.forEach((pt, rate) -> {
            if (pt >= 0 && pt < 128 && rate > 0) {
                byType[pt] = rate;
            }
        });
    }

    /** The clock rate of a payload type, or 0 when unknown. */
    public int of(int payloadType) {
        return byType[payloadType & 0x7F];
    }
}
