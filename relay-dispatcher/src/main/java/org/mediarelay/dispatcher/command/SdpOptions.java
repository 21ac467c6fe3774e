package org.mediarelay.dispatcher.command;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mediarelay.dispatcher.signalling.RtcpMuxPolicy;
import org.mediarelay.node.api.EndpointLearning;
import org.mediarelay.node.api.InterfaceChoice;
import org.mediarelay.sdp.codec.CodecRules;
import org.mediarelay.sdp.relay.IceMode;
import org.mediarelay.sdp.relay.MangleOptions;

/**
 * How the proxy wants one SDP rewritten, beyond pointing it at the relay (ng {@code ICE}, {@code replace},
 * {@code rtcp-mux}, {@code codec}).
 *
 * @param ice                what to do with ICE on relayed streams, when the request says; a call keeps the last
 *                           mode asked for ({@code ICE=remove} once means no ICE for the call's later SDPs either)
 * @param replaceOrigin      {@code o=} names the relay (ng {@code replace: origin}); the relay then owns the version
 * @param replaceSessionName {@code s=} becomes {@value #SESSION_NAME} (ng {@code replace: session-name})
 * @param ownVersion         the relay keeps the {@code o=} version of what each party receives increasing whenever its
 *                           output changes (ng {@code replace: SDP-version}; implied by {@code replaceOrigin})
 * @param rtcpMux            what to do with {@code a=rtcp-mux}, in this SDP and in the answer to it
 * @param replaceSessionConnection the session {@code c=} names the relay even where only other streams rely on it
 * @param replaceZeroAddress a hold by address names the relay and says the hold by direction
 * @param codecs             which formats the reader is shown
 * @param learning           how the relay learns where the call's parties send from (ng {@code endpoint-learning}),
 *                           when the proxy chose; the streams keep it for the rest of the call
 * @param interfaces         the relay's media interfaces facing the sender and the reader of this SDP (ng
 *                           {@code direction}, {@code address-family}); streams that exist keep theirs
 */
public record SdpOptions(Optional<IceMode> ice, boolean replaceOrigin, boolean replaceSessionName, boolean ownVersion,
                         RtcpMuxPolicy rtcpMux, boolean replaceSessionConnection, boolean replaceZeroAddress,
                         CodecRules codecs, Optional<EndpointLearning> learning, InterfaceChoice interfaces) {

    public static final String SESSION_NAME = "mediarelay";

    /** The call's ICE mode (relay candidates unless asked otherwise); origin, session name and version as sent. */
    public static final SdpOptions DEFAULT = new SdpOptions(Optional.empty(), false, false, false,
            RtcpMuxPolicy.DEFAULT, false, false, CodecRules.NONE, Optional.empty(), InterfaceChoice.ANY);

    public SdpOptions {
        Objects.requireNonNull(ice);
        Objects.requireNonNull(rtcpMux);
        Objects.requireNonNull(codecs);
        Objects.requireNonNull(learning);
        Objects.requireNonNull(interfaces);
    }

    /** With the relay's own endpoint learning. */
    public SdpOptions(Optional<IceMode> ice, boolean replaceOrigin, boolean replaceSessionName, boolean ownVersion,
                      RtcpMuxPolicy rtcpMux, boolean replaceSessionConnection, boolean replaceZeroAddress,
                      CodecRules codecs) {
        this(ice, replaceOrigin, replaceSessionName, ownVersion, rtcpMux, replaceSessionConnection, replaceZeroAddress,
                codecs, Optional.empty(), InterfaceChoice.ANY);
    }

    public SdpOptions withLearning(Optional<EndpointLearning> l) {
        return new SdpOptions(ice, replaceOrigin, replaceSessionName, ownVersion, rtcpMux, replaceSessionConnection,
                replaceZeroAddress, codecs, l, interfaces);
    }

    public SdpOptions withInterfaces(InterfaceChoice i) {
        return new SdpOptions(ice, replaceOrigin, replaceSessionName, ownVersion, rtcpMux, replaceSessionConnection,
                replaceZeroAddress, codecs, learning, i);
    }

    public SdpOptions(IceMode ice, boolean replaceOrigin, boolean replaceSessionName, boolean ownVersion) {
        this(Optional.of(ice), replaceOrigin, replaceSessionName, ownVersion, RtcpMuxPolicy.DEFAULT, false, false,
                CodecRules.NONE);
    }

    /** Whether the relay manages the {@code o=} version of the SDPs it sends. */
    public boolean managesVersion() {
        return replaceOrigin || ownVersion;
    }

    /** The mangling, with the ICE mode the call is in. */
    public MangleOptions mangleOptions(IceMode callIce) {
        return new MangleOptions(ice.orElse(callIce), replaceOrigin,
                replaceSessionName ? Optional.of(SESSION_NAME) : Optional.empty(), rtcpMux.toReader(), Map.of(),
                replaceSessionConnection, replaceZeroAddress, codecs);
    }
}
