package org.mediarelay.control.ng;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mediarelay.dispatcher.command.SdpOptions;
import org.mediarelay.sdp.relay.IceMode;
import org.mediarelay.sdp.relay.MangleOptions;

/**
 * The ng keys that say how an offer's or answer's SDP is rewritten: {@code ICE}, {@code replace}, {@code rtcp-mux}. A value the
 * relay does not know or cannot honour is a warning in the reply, never an error: the call goes through with the
 * default, as rtpengine does with unknown flags.
 */
final class NgSdpOptions {

    /** The options, and a warning for each value that was not applied as asked. */
    record Parsed(SdpOptions options, List<String> warnings) {
        Parsed {
            warnings = List.copyOf(warnings);
        }

        Optional<String> warning() {
            return warnings.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", warnings));
        }
    }

    private NgSdpOptions() {
    }

    static Parsed of(NgRequest r) {
        List<String> warnings = new ArrayList<>();
        IceMode ice = r.string("ICE").map(v -> ice(v, warnings)).orElse(IceMode.RELAY_CANDIDATE);
        boolean origin = false;
        boolean sessionName = false;
        boolean version = false;
        for (String value : r.strings("replace")) {
            switch (value.toLowerCase(Locale.ROOT).replace(' ', '-')) {
                case "origin", "origin-full" -> origin = true;
                case "session-name" -> sessionName = true;
                case "sdp-version" -> version = true;
                // Connection lines always name the relay: asking for it changes nothing.
                case "session-connection" -> { }
                case "zero-address" -> warnings.add("replace 'zero-address' is not supported: a 0.0.0.0 hold stays "
                        + "visible to the other party");
                default -> warnings.add("unknown replace value '" + value + "' ignored");
            }
        }
        MangleOptions.MuxChange mux = MangleOptions.MuxChange.KEEP;
        for (String value : r.strings("rtcp-mux")) {
            mux = rtcpMux(value, mux, warnings);
        }
        r.string("transport-protocol").ifPresent(p -> warnings.add("transport protocol '" + p + "' not applied: the "
                + "relay does not transcode, each party's protocol passes through"));
        return new Parsed(new SdpOptions(ice, origin, sessionName, version, mux), warnings);
    }

    /**
     * {@code rtcp-mux}: {@code offer}/{@code require} offer mux to the reader, {@code demux}/{@code reject} take it
     * away, {@code accept} keeps what the sender said. The node carries RTCP on whichever port each party uses.
     */
    private static MangleOptions.MuxChange rtcpMux(String value, MangleOptions.MuxChange current,
                                                   List<String> warnings) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "offer":
            case "require":
                return MangleOptions.MuxChange.ADD;
            case "demux":
            case "reject":
                return MangleOptions.MuxChange.REMOVE;
            case "accept":
                return MangleOptions.MuxChange.KEEP;
            default:
                warnings.add("unknown rtcp-mux value '" + value + "' ignored");
                return current;
        }
    }

    private static IceMode ice(String value, List<String> warnings) {
        Optional<IceMode> mode = IceMode.fromNg(value);
        if (mode.isEmpty()) {
            warnings.add("unknown ICE mode '" + value + "': relay candidates added");
            return IceMode.RELAY_CANDIDATE;
        }
        if (value.equalsIgnoreCase("force")) {
            warnings.add("ICE=force (the relay as an ICE agent) is not supported: relay candidates added");
        }
        return mode.get();
    }
}
