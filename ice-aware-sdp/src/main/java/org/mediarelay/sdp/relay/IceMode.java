package org.mediarelay.sdp.relay;

import java.util.Locale;
import java.util.Optional;

/** What the relay does to ICE in the SDP it forwards. */
public enum IceMode {
    /**
     * Keep every endpoint candidate and add the relay as a {@code typ relay} candidate that matches the new default
     * address and ports, below every endpoint candidate: ICE still finds a direct path when there is one, and falls
     * back to the relay (MediaProxy's way; ng {@code ICE=force-relay}). The default for streams with ICE.
     */
    RELAY_CANDIDATE,
    /** Strip every ICE attribute and candidate: the endpoints stop doing ICE and use the relay (ng {@code ICE=remove}). */
    REMOVE,
    /** Leave ICE as it is (the default address is still rewritten: peers doing ICE will see a mismatch). */
    OFF;

    /**
     * The mode for an ng {@code ICE} value. {@code force-relay}, {@code default} and {@code optional} are relay
     * candidate; {@code force} (rtpengine acting as an ICE agent) is not available and is answered with relay
     * candidate too, which keeps ICE working; unknown values are empty.
     */
    public static Optional<IceMode> fromNg(String value) {
        switch (value.toLowerCase(Locale.ROOT).replace(' ', '-')) {
            case "force-relay":
            case "default":
            case "optional":
            case "force":
                return Optional.of(RELAY_CANDIDATE);
            case "remove":
                return Optional.of(REMOVE);
            case "off":
                return Optional.of(OFF);
            default:
                return Optional.empty();
        }
    }
}
