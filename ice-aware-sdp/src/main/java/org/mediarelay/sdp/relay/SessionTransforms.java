package org.mediarelay.sdp.relay;

import java.math.BigInteger;
import java.util.List;
import org.mediarelay.sdp.AddressType;
import org.mediarelay.sdp.Origin;
import org.mediarelay.sdp.SdpLine;

/** Changes to session-level lines (the origin, the session name), made on a working list of them. */
public final class SessionTransforms {

    private SessionTransforms() {
    }

    /** {@code o=} names the relay instead of the party (topology hiding; ng {@code replace: origin}). */
    public static void originAddress(List<SdpLine> session, AddressType type, String address) {
        int i = index(session, 'o');
        if (i >= 0) {
            session.set(i, session.get(i).withValue(Origin.parse(session.get(i).value()).withAddress(type, address).format()));
        }
    }

    /** {@code o=} carries this session version. */
    public static void originVersion(List<SdpLine> session, BigInteger version) {
        int i = index(session, 'o');
        if (i >= 0) {
            Origin o = Origin.parse(session.get(i).value());
            session.set(i, session.get(i).withValue(new Origin(o.username(), o.sessionId(), version.toString(),
                    o.netType(), o.addrType(), o.address()).format()));
        }
    }

    /** {@code s=} becomes {@code name} (ng {@code replace: session-name}). */
    public static void sessionName(List<SdpLine> session, String name) {
        if (name.isEmpty() || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a session name is one non-empty line");
        }
        int i = index(session, 's');
        if (i >= 0) {
            session.set(i, session.get(i).withValue(name));
        }
    }

    private static int index(List<SdpLine> lines, char type) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).type() == type) {
                return i;
            }
        }
        return -1;
    }
}
