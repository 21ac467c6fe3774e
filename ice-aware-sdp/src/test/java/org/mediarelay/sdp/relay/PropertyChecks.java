package org.mediarelay.sdp.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mediarelay.sdp.SessionDescription;

/** The corpus invariants, for property tests in other packages. */
public final class PropertyChecks {

    private PropertyChecks() {
    }

    public static Map<Integer, RelayEndpoint> relaysFor(SessionDescription sdp, String address) {
        return Invariants.relaysFor(sdp, address);
    }

    public static List<String> violations(SessionDescription in, SessionDescription out, Map<Integer, RelayEndpoint> relays) {
        List<String> all = new ArrayList<>(Invariants.relayCandidateMode(in, out, relays));
        all.addAll(Invariants.untouchedSections(in, out, relays));
        return all;
    }
}
