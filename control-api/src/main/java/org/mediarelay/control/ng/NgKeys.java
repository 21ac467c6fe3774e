package org.mediarelay.control.ng;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys each command takes, so that a key the relay does not act on is never passed over in silence: a key of
 * rtpengine's that needs what mediarelay does not have (an ICE agent, SRTP, transcoding, recording) gets a warning saying so, and a key nobody defines gets {@code unknown key 'x' ignored}.
 * {@code docs/ng-protocol.md} lists them all.
 */
final class NgKeys {

    /** Every command's keys: what proxies send with any of them. */
    private static final Set<String> COMMON = Set.of("command", "call-id", "from-tag", "to-tag", "via-branch",
            "received-from", "supports", "flags", "label");

    /** Keys acted on, by command. */
    private static final Map<String, Set<String>> ACTED_ON = Map.of(
            "offer", Set.of("sdp", "replace", "ICE", "media-address", "address-family", "rtcp-mux", "metadata",
                    "relay", "codec", "transport-protocol", "from-label", "endpoint-learning", "direction",
                    "interface", "from-interface", "to-interface"),
            "answer", Set.of("sdp", "replace", "ICE", "media-address", "address-family", "rtcp-mux", "metadata",
                    "relay", "codec", "transport-protocol", "from-label", "endpoint-learning", "direction",
                    "interface", "from-interface", "to-interface"),
            "delete", Set.of("delete-delay"),
            "query", Set.of(),
            "list", Set.of("limit"),
            "statistics", Set.of());

    /** rtpengine's keys that mediarelay takes but cannot act on, and why. */
    private static final Map<String, String> NOT_ACTED_ON = Map.ofEntries(
            Map.entry("DTLS", "DTLS passes between the parties, the relay does not terminate it"),
            Map.entry("DTLS-reverse", "DTLS passes between the parties, the relay does not terminate it"),
            Map.entry("DTLS-fingerprint", "DTLS passes between the parties, the relay does not terminate it"),
            Map.entry("SDES", "SDES crypto attributes pass between the parties unchanged"),
            Map.entry("OSRTP", "the transport protocol passes as offered"),
            Map.entry("ICE-lite", "the relay is not an ICE agent"),
            Map.entry("ptime", "changing the packetisation needs transcoding"),
            Map.entry("ptime-reverse", "changing the packetisation needs transcoding"),
            Map.entry("TOS", "the relay's DSCP marking is not set per call"),
            Map.entry("T.38", "T.38 passes through as UDPTL; the relay is no T.38 gateway"),
            Map.entry("record-call", "mediarelay does not record"),
            Map.entry("output-destination", "mediarelay does not record"),
            Map.entry("media-echo", "media echo is not supported"),
            Map.entry("xmlrpc-callback", "the relay ends dialogs through its configured dialog client"),
            Map.entry("delay-buffer", "media passes without a delay buffer"),
            Map.entry("drop-traffic", "media cannot be dropped per call"),
            Map.entry("generate-RTCP", "RTCP passes between the parties"),
            Map.entry("sdp-attr", "SDP attribute manipulations are not supported"),
            Map.entry("audio-player", "mediarelay plays no media"),
            Map.entry("DTMF-security", "DTMF passes as sent"),
            Map.entry("DTMF-delay", "DTMF passes as sent"),
            Map.entry("DTMF-log-dest", "DTMF events are not logged"),
            Map.entry("set-label", "labels are set with 'label'"),
            Map.entry("to-label", "parties are chosen by tag"),
            Map.entry("from-tags", "subscriptions are not supported"),
            Map.entry("all", "the parties a command applies to are chosen by tag"));

    private NgKeys() {
    }

    /** A warning for each key of the request that the relay does not act on; none for {@code ping}. */
    static List<String> warnings(NgRequest r, String command) {
        Set<String> acted = ACTED_ON.get(command);
        if (acted == null) {
            return List.of();
        }
        List<String> out = List.of();
        for (String key : r.keys()) {
            if (COMMON.contains(key) || acted.contains(key) || (command.equals("offer") || command.equals("answer"))
                    && NgSip.isKey(key)) {
                continue;
            }
            if (out.isEmpty()) {
                out = new ArrayList<>();
            }
            String why = NOT_ACTED_ON.get(key);
            out.add(why != null ? "key '" + key + "' ignored: " + why : "unknown key '" + key + "' ignored");
        }
        return out;
    }
}
