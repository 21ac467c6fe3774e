package org.mediarelay.sdp.relay;

import java.util.Objects;
import java.util.Optional;

/**
 * How an SDP is mangled besides pointing it at the relay.
 *
 * @param ice           what to do with ICE on relayed streams
 * @param replaceOrigin {@code o=} names the relay address (its session version is then managed with
 *                      {@link SdpVersioning})
 * @param sessionName   a replacement for {@code s=}, if any
 * @param rtcpMux       add or remove {@code a=rtcp-mux} on relayed streams, or keep what the party said
 */
public record MangleOptions(IceMode ice, boolean replaceOrigin, Optional<String> sessionName, MuxChange rtcpMux) {

    /** What the defaults are: relay candidates for ICE streams, nothing else changed. */
    public static final MangleOptions DEFAULT = new MangleOptions(IceMode.RELAY_CANDIDATE, false, Optional.empty(),
            MuxChange.KEEP);

    /** A change to {@code a=rtcp-mux} on relayed streams. */
    public enum MuxChange {
        KEEP,
        ADD,
        REMOVE
    }

    public MangleOptions {
        Objects.requireNonNull(ice);
        Objects.requireNonNull(sessionName);
        Objects.requireNonNull(rtcpMux);
    }

    public MangleOptions withIce(IceMode mode) {
        return new MangleOptions(mode, replaceOrigin, sessionName, rtcpMux);
    }
}
