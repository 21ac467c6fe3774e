package org.mediarelay.sdp.attribute;

/** {@code a=fingerprint:<hash-func> <fingerprint>} (RFC 8122 §5), the DTLS certificate's hash. */
public record Fingerprint(String hashFunction, String fingerprint) {

    public static final String NAME = "fingerprint";

    public static Fingerprint parse(String value) {
        String[] t = value.trim().split(" +", 2);
        if (t.length < 2) {
            throw new IllegalArgumentException("a=fingerprint:<hash-func> <fingerprint>");
        }
        return new Fingerprint(t[0], t[1]);
    }
}
