package org.mediarelay.sdp.relay;

import java.math.BigInteger;
import java.util.function.UnaryOperator;
import org.mediarelay.sdp.AddressType;
import org.mediarelay.sdp.Origin;
import org.mediarelay.sdp.SessionDescription;

/** Transforms of session-level lines: the origin and the session name. */
public final class SessionTransforms {

    private SessionTransforms() {
    }

    /** {@code o=} names the relay instead of the party (topology hiding; ng {@code replace: origin}). */
    public static UnaryOperator<SessionDescription> originAddress(AddressType type, String address) {
        return sdp -> {
            int i = sdp.sessionLineIndex('o');
            if (i < 0) {
                return sdp;
            }
            Origin o = sdp.origin().withAddress(type, address);
            return sdp.withSessionLine(i, sdp.sessionLines().get(i).withValue(o.format()));
        };
    }

    /** {@code o=} carries this session version. */
    public static UnaryOperator<SessionDescription> originVersion(BigInteger version) {
        return sdp -> {
            int i = sdp.sessionLineIndex('o');
            if (i < 0) {
                return sdp;
            }
            Origin o = sdp.origin();
            Origin v = new Origin(o.username(), o.sessionId(), version.toString(), o.netType(), o.addrType(),
                    o.address());
            return sdp.withSessionLine(i, sdp.sessionLines().get(i).withValue(v.format()));
        };
    }

    /** {@code s=} becomes {@code name} (ng {@code replace: session-name}). */
    public static UnaryOperator<SessionDescription> sessionName(String name) {
        if (name.isEmpty() || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a session name is one non-empty line");
        }
        return sdp -> {
            int i = sdp.sessionLineIndex('s');
            return i < 0 ? sdp : sdp.withSessionLine(i, sdp.sessionLines().get(i).withValue(name));
        };
    }
}
