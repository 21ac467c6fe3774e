package org.mediarelay.sdp.relay;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mediarelay.sdp.SdpLine;
import org.mediarelay.sdp.SessionDescription;

/**
 * The {@code o=} session version of the SDPs one party receives through the relay. RFC 3264 §8: each new SDP of a
 * session that differs from the previous one carries a higher version; an unchanged SDP keeps it. When the relay
 * rewrites {@code o=}, it owns that version: it compares what it sends now with what it sent last.
 */
public final class SdpVersioning {

    private SdpVersioning() {
    }

    /** What was sent last: a digest of the body without its version, and the version. */
    public record Sent(String digest, BigInteger version) {
        public Sent {
            Objects.requireNonNull(digest);
            Objects.requireNonNull(version);
        }
    }

    /** The SDP with the right version, and the record to keep for next time. */
    public record Versioned(SessionDescription sdp, Sent sent) {
    }

    public static Versioned next(SessionDescription out, Optional<Sent> previous) {
        if (out.sessionLineIndex('o') < 0) {
            return new Versioned(out, new Sent(digest(out), BigInteger.ZERO));
        }
        BigInteger own = new BigInteger(out.origin().sessionVersion());
        String digest = digest(out);
        BigInteger version;
        if (previous.isEmpty()) {
            version = own;
        } else if (previous.get().digest().equals(digest)) {
            version = previous.get().version();
        } else {
            version = previous.get().version().add(BigInteger.ONE).max(own);
        }
        return new Versioned(withVersion(out, version), new Sent(digest, version));
    }

    private static SessionDescription withVersion(SessionDescription sdp, BigInteger version) {
        List<SdpLine> session = new ArrayList<>(sdp.sessionLines());
        SessionTransforms.originVersion(session, version);
        return new SessionDescription(session, sdp.media(), sdp.trailer());
    }

    /** SHA-256 of the body with the origin's version field left out. */
    static String digest(SessionDescription sdp) {
        SessionDescription blank = withVersion(sdp, BigInteger.ZERO);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(blank.serialize().getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
