package org.mediarelay.node.api;

import java.util.Locale;

/**
 * What a stream carries, from its {@code m=} line's protocol: what the relay can read in its packets. Every kind is
 * forwarded; only RTP is read for SSRCs, sequence numbers and quality.
 */
public enum Transport {
    /** RTP and RTCP ({@code RTP/AVP}, {@code RTP/SAVPF}, {@code UDP/TLS/RTP/SAVPF}, ...). */
    RTP,
    /** T.38 fax over UDPTL ({@code udptl}): each packet starts with a 16-bit sequence number (T.38 §9.1). */
    UDPTL,
    /** Any other UDP media ({@code UDP/BFCP}, {@code UDP/DTLS/SCTP}, {@code UDP/TLS/UDPTL}, {@code UDP}, ...): opaque. */
    OTHER;

    /** The transport of an {@code m=} line's protocol field. */
    public static Transport ofProto(String proto) {
        String p = proto.toUpperCase(Locale.ROOT);
        if (p.equals("UDPTL")) {
            return UDPTL;
        }
        for (String part : p.split("/")) {
            if (part.equals("RTP")) {
                return RTP;
            }
        }
        return OTHER;
    }

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Transport parse(String token) {
        return valueOf(token.toUpperCase(Locale.ROOT));
    }
}
