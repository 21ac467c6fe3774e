package org.mediarelay.sdp.attribute;

/** {@code a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]} (RFC 4568 §9.1); key material kept verbatim. */
public record Crypto(int tag, String suite, String keyParams, String sessionParams) {

    public static final String NAME = "crypto";

    public static Crypto parse(String value) {
        String[] t = value.trim().split(" +", 4);
        if (t.length < 3) {
            throw new IllegalArgumentException("a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]");
        }
        try {
            return new Crypto(Integer.parseInt(t[0]), t[1], t[2], t.length == 4 ? t[3] : "");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a=crypto: tag must be a number", e);
        }
    }
}
