package org.mediarelay.node.quality;

/**
 * A listening-quality estimate from what a relay can see, after the ITU-T G.107 E-model with defaults: the
 * equipment impairment of loss for a codec with packet-loss concealment (G.711 with PLC: Ie = 0, Bpl = 25.1), and the
 * delay impairment of a jitter buffer sized at twice the jitter plus 20 ms of packetisation. Not a measurement of
 * the endpoints' real delay; good enough to tell a clean call (≈ 4.4) from a broken one.
 */
public final class Mos {

    private static final double R0 = 93.2;
    private static final double BPL = 25.1;

    private Mos() {
    }

    /**
     * @param lossFraction packets lost / expected, 0..1
     * @param jitterMillis interarrival jitter
     */
    public static double estimate(double lossFraction, double jitterMillis) {
        double ppl = 100 * Math.min(1, Math.max(0, lossFraction));
        double ieEff = 95 * ppl / (ppl + BPL);
        double delay = 20 + 2 * Math.max(0, jitterMillis);
        double id = 0.024 * delay + (delay > 177.3 ? 0.11 * (delay - 177.3) : 0);
        return fromR(R0 - ieEff - id);
    }

    /** G.107 Annex B: R to MOS (CQE). */
    static double fromR(double r) {
        if (r <= 0) {
            return 1.0;
        }
        if (r >= 100) {
            return 4.5;
        }
        return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
    }
}
