package org.mediarelay.node.api;

/**
 * Reception quality of the RTP one party sent (its first SSRC) (RFC 3550 A.3, A.8), and where the figures come from.
 *
 * @param expected     packets expected from the sequence numbers
 * @param lost         expected minus received
 * @param jitterMillis interarrival jitter
 * @param mos          listening-quality estimate, 1 to 4.5 (E-model)
 * @param source       who measured them
 */
public record RtpQuality(long expected, long lost, double jitterMillis, double mos, Source source) {

    /** Who measured a party's reception quality. */
    public enum Source {
        /** The relay, from every RTP packet it forwarded. */
        RELAY("relay"),
        /**
         * The receiving party, in its RTCP receiver reports (the kernel forwarded the RTP, which the relay did not see):
         * end to end, both legs.
         */
        RTCP("rtcp"),
        /** The relay, from the packets it forwarded before the kernel took the stream: no receiver report came. */
        RELAY_PARTIAL("relay-partial");

        private final String token;

        Source(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }

        public static Source fromToken(String token) {
            for (Source s : values()) {
                if (s.token.equals(token)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown quality source " + token);
        }
    }

    public RtpQuality {
        java.util.Objects.requireNonNull(source);
    }

    /** Measured by the relay on every packet. */
    public RtpQuality(long expected, long lost, double jitterMillis, double mos) {
        this(expected, lost, jitterMillis, mos, Source.RELAY);
    }

    public double lossFraction() {
        return expected == 0 ? 0 : (double) lost / expected;
    }
}
