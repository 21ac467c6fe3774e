package org.mediarelay.node.port;

/**
 * An inclusive range of UDP ports for media, cut into RTP/RTCP pairs: RTP on an even port, RTCP on the next odd one
 * (RFC 3550 §11 convention, which {@code a=rtcp}-unaware peers rely on).
 */
public record PortRange(int min, int max) {

    public PortRange {
        if (min < 1 || max > 65535 || min >= max) {
            throw new IllegalArgumentException("port range must be <low>-<high> within 1-65535 with low < high");
        }
        if (pairCount(min, max) < 1) {
            throw new IllegalArgumentException("port range " + min + "-" + max + " holds no even/odd pair");
        }
    }

    /** Parses {@code 30000-39999}. */
    public static PortRange parse(String text) {
        int dash = text.indexOf('-');
        if (dash < 1) {
            throw new IllegalArgumentException("expected <low>-<high>, e.g. 30000-39999");
        }
        try {
            return new PortRange(Integer.parseInt(text.substring(0, dash).trim()),
                    Integer.parseInt(text.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected <low>-<high>, e.g. 30000-39999", e);
        }
    }

    /** The first RTP (even) port of the range. */
    public int firstRtpPort() {
        return (min & 1) == 0 ? min : min + 1;
    }

    public int pairCount() {
        return pairCount(min, max);
    }

    private static int pairCount(int min, int max) {
        int first = (min & 1) == 0 ? min : min + 1;
        return first + 1 > max ? 0 : (max - first + 1) / 2;
    }

    @Override
    public String toString() {
        return min + "-" + max;
    }
}
