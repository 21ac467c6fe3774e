package org.mediarelay.sdp.relay;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mediarelay.sdp.codec.CodecRules;

/**
 * How an SDP is mangled besides pointing it at the relay.
 *
 * @param ice                      what to do with ICE on relayed streams
 * @param replaceOrigin            {@code o=} names the relay address (its session version is then managed with
 *                                 {@link SdpVersioning})
 * @param sessionName              a replacement for {@code s=}, if any
 * @param rtcpMux                  the change to {@code a=rtcp-mux} on relayed streams, unless {@code muxByStream}
 *                                 names the stream
 * @param muxByStream              the change for particular streams, by media index (an answer's, which depends on
 *                                 what each stream's offer said)
 * @param replaceSessionConnection the session-level {@code c=} names the relay even where no relayed stream relies on
 *                                 it (ng {@code replace: session-connection}): no endpoint address stays in it
 * @param replaceZeroAddress       a hold by {@code 0.0.0.0} / {@code ::} becomes the relay's address and a direction
 *                                 attribute says the hold (ng {@code replace: zero-address})
 * @param codecs                   which formats of relayed streams the reader gets to see
 */
public record MangleOptions(IceMode ice, boolean replaceOrigin, Optional<String> sessionName, MuxChange rtcpMux,
                            Map<Integer, MuxChange> muxByStream, boolean replaceSessionConnection,
                            boolean replaceZeroAddress, CodecRules codecs) {

    /** What the defaults are: relay candidates for ICE streams, nothing else changed. */
    public static final MangleOptions DEFAULT = new MangleOptions(IceMode.RELAY_CANDIDATE, false, Optional.empty(),
            MuxChange.KEEP);

    /** A change to {@code a=rtcp-mux} on relayed streams (RFC 5761 §5.1). */
    public enum MuxChange {
        /** As the party wrote it. */
        KEEP,
        /** {@code a=rtcp-mux} added when absent. */
        ADD,
        /** {@code a=rtcp-mux} added and {@code a=rtcp} removed: no separate RTCP port is advertised at all. */
        REQUIRE,
        /** {@code a=rtcp-mux} removed. */
        REMOVE
    }

    public MangleOptions {
        Objects.requireNonNull(ice);
        Objects.requireNonNull(sessionName);
        Objects.requireNonNull(rtcpMux);
        muxByStream = Map.copyOf(muxByStream);
        Objects.requireNonNull(codecs);
    }

    public MangleOptions(IceMode ice, boolean replaceOrigin, Optional<String> sessionName, MuxChange rtcpMux) {
        this(ice, replaceOrigin, sessionName, rtcpMux, Map.of(), false, false, CodecRules.NONE);
    }

    public MangleOptions withIce(IceMode mode) {
        return new MangleOptions(mode, replaceOrigin, sessionName, rtcpMux, muxByStream, replaceSessionConnection,
                replaceZeroAddress, codecs);
    }

    public MangleOptions withMuxByStream(Map<Integer, MuxChange> changes) {
        return new MangleOptions(ice, replaceOrigin, sessionName, rtcpMux, changes, replaceSessionConnection,
                replaceZeroAddress, codecs);
    }

    public MangleOptions withConnections(boolean sessionConnection, boolean zeroAddress) {
        return new MangleOptions(ice, replaceOrigin, sessionName, rtcpMux, muxByStream, sessionConnection,
                zeroAddress, codecs);
    }

    public MangleOptions withCodecs(CodecRules rules) {
        return new MangleOptions(ice, replaceOrigin, sessionName, rtcpMux, muxByStream, replaceSessionConnection,
                replaceZeroAddress, rules);
    }

    /** The mux change for the stream at {@code index}. */
    public MuxChange muxFor(int index) {
        return muxByStream.getOrDefault(index, rtcpMux);
    }
}
