package org.mediarelay.dispatcher.command;

import java.util.Objects;
import java.util.Optional;
import org.mediarelay.sdp.relay.IceMode;
import org.mediarelay.sdp.relay.MangleOptions;

/**
 * How the proxy wants one SDP rewritten, beyond pointing it at the relay (ng {@code ICE} and {@code replace}).
 *
 * @param ice                what to do with ICE on relayed streams
 * @param replaceOrigin      {@code o=} names the relay (ng {@code replace: origin}); the relay then owns the version
 * @param replaceSessionName {@code s=} becomes {@value #SESSION_NAME} (ng {@code replace: session-name})
 * @param ownVersion         the relay keeps the {@code o=} version of what each party receives increasing whenever its
 *                           output changes (ng {@code replace: SDP-version}; implied by {@code replaceOrigin})
 * @param rtcpMux            add or remove {@code a=rtcp-mux} towards the reader (ng {@code rtcp-mux}); the node carries
 *                           RTCP on whichever port each party uses
 */
public record SdpOptions(IceMode ice, boolean replaceOrigin, boolean replaceSessionName, boolean ownVersion,
                         MangleOptions.MuxChange rtcpMux) {

    public static final String SESSION_NAME = "mediarelay";

    /** Relay candidates for ICE streams; origin, session name and version as the party sent them. */
    public static final SdpOptions DEFAULT = new SdpOptions(IceMode.RELAY_CANDIDATE, false, false, false,
            MangleOptions.MuxChange.KEEP);

    public SdpOptions {
        Objects.requireNonNull(ice);
        Objects.requireNonNull(rtcpMux);
    }

    public SdpOptions(IceMode ice, boolean replaceOrigin, boolean replaceSessionName, boolean ownVersion) {
        this(ice, replaceOrigin, replaceSessionName, ownVersion, MangleOptions.MuxChange.KEEP);
    }

    /** Whether the relay manages the {@code o=} version of the SDPs it sends. */
    public boolean managesVersion() {
        return replaceOrigin || ownVersion;
    }

    public MangleOptions mangleOptions() {
        return new MangleOptions(ice, replaceOrigin, replaceSessionName ? Optional.of(SESSION_NAME) : Optional.empty(),
                rtcpMux);
    }
}
