package org.mediarelay.control.ng;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mediarelay.node.api.EndpointLearning;

/**
 * The {@code flags} list of a request, normalised ({@code SIP source address} = {@code sip-source-address}). A flag
 * the relay honours is in {@link #has}; one it knows but cannot honour, and one it does not know, is accepted with a
 * warning that names it, as rtpengine does: the call goes through. Codec flags ({@code codec-strip-PCMA},
 * {@code codec-mask-all}, rtpengine's flag form of the {@code codec} dictionary) are collected by key.
 */
record NgFlags(Set<String> flags, List<String> warnings, Map<String, List<String>> codec) {

    /** Flags with their effect, or none needed: the relay already behaves that way. */
    private static final Set<String> HONOURED = Set.of(
            "trust-address",        // the default: the SDP address is the first latching hint
            "sip-source-address",   // received-from in place of the SDP address
            "symmetric",            // always: the relay sends to where a party sends from
            "strict-source",        // the default: after latching, other sources are dropped
            "port-latching", "no-port-latching", // latching is by address and port, ranked by signalling hints
            "original-sendrecv",    // the relay never changes direction attributes (but for zero-address)
            "fatal",                // delete: an unknown call is an error
            "fast",                 // delete: no statistics in the reply
            "to-tag",               // delete: the branch of the to-tag (with forking)
            "all",                  // delete: the whole call
            "reset",                // the relay keeps no ICE or DTLS state to reset: it passes both through
            "reject-ice",           // offer: ICE is taken away for the call (as ICE=remove)
            "trickle-ice",          // the offer's own a=ice-options:trickle passes through
            "strip-extmap",         // a=extmap lines removed
            "single-codec",         // answer: the first codec only (and DTMF events, comfort noise)
            "debug", "debugging",   // no effect on what the relay does; its log level is set in its configuration
            "unidirectional");      // no kernel forwarding to tune: every stream is forwarded both ways anyway

    /** Known, not honoured: why, for the warning. */
    private static final Map<String, String> NOT_HONOURED = Map.ofEntries(
            Map.entry("asymmetric", "asymmetric RTP is not supported: the relay latches to where each party sends "
                    + "from"),
            Map.entry("media-handover", "media handover is not honoured: a new source takes over only after the old "
                    + "one went silent (NAT rebinding), which keeps RTP Bleed out"),
            Map.entry("loop-protect", "loop protect is not supported"),
            Map.entry("full-rtcp-attribute", "full rtcp attribute is not honoured: a=rtcp is rewritten only where the "
                    + "party sent one"),
            Map.entry("no-rtcp-attribute", "no rtcp attribute is not honoured: an a=rtcp the party sent is kept, "
                    + "naming the relay's RTCP port"),
            Map.entry("always-transcode", "always transcode is not supported: mediarelay does not transcode"),
            Map.entry("allow-transcoding", "allow transcoding is not supported: mediarelay does not transcode"),
            Map.entry("reuse-codecs", "reuse codecs is not supported: the codecs each SDP lists pass as listed"),
            Map.entry("no-codec-renegotiation", "no codec renegotiation is not supported: the codecs each SDP lists "
                    + "pass as listed"),
            Map.entry("generate-mid", "generate mid is not supported: a=mid lines pass as the party wrote them"),
            Map.entry("generate-rtcp", "generate RTCP is not supported: RTCP passes between the parties"),
            Map.entry("record-call", "record call is not supported: mediarelay does not record"),
            Map.entry("exclude-recording", "exclude recording: mediarelay does not record"),
            Map.entry("discard-recording", "discard recording: mediarelay does not record"),
            Map.entry("inject-dtmf", "inject DTMF is not supported"),
            Map.entry("detect-dtmf", "detect DTMF is not supported"),
            Map.entry("early-media", "early media (audio player) is not supported"),
            Map.entry("pierce-nat", "pierce NAT is not supported: the relay sends once a party's address is confirmed"),
            Map.entry("nat-wait", "NAT wait is not supported"),
            Map.entry("block-short", "block short packets is not supported"),
            Map.entry("rtcp-mirror", "RTCP mirror is not supported (no subscriptions)"),
            Map.entry("pad-crypto", "pad crypto is not applied: crypto attributes pass as the party wrote them"),
            Map.entry("inactive", "inactive applies to subscriptions, which are not supported"));

    /** Keys of the {@code codec} dictionary, in flag form {@code codec-<key>-<value>}. */
    static final Set<String> CODEC_KEYS = Set.of("strip", "mask", "consume", "except", "offer", "accept", "transcode",
            "set", "ignore");

    /** Flag prefixes of rtpengine features that need an agent, SRTP or recording the relay does not have. */
    private static final Map<String, String> NOT_HONOURED_PREFIXES = Map.of(
            "sdes-", "SDES options are not applied: crypto attributes pass as the party wrote them",
            "osrtp-", "OSRTP options are not applied: the transport protocol passes as offered",
            "sdp-attr-", "sdp-attr manipulations are not supported",
            "from-tags-", "from-tags selects subscription participants, which are not supported",
            "t38-", "T.38 gateway options are not supported: T.38 passes through as UDPTL");

    /** {@code endpoint-learning-<mode>}: rtpengine's flag form of the key. */
    static final String LEARNING = "endpoint-learning-";

    NgFlags {
        flags = Set.copyOf(flags);
        warnings = List.copyOf(warnings);
        codec = Map.copyOf(codec);
    }

    static NgFlags of(NgRequest r) {
        Set<String> known = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        Map<String, List<String>> codec = new LinkedHashMap<>();
        for (String raw : r.strings("flags")) {
            String flag = normalise(raw);
            if (NgSip.isFlag(raw)) {
                continue; // read by NgSip
            }
            if (HONOURED.contains(flag)) {
                known.add(flag);
            } else if (NOT_HONOURED.containsKey(flag)) {
                warnings.add(NOT_HONOURED.get(flag));
            } else if (flag.startsWith("codec-") && codecFlag(raw.trim(), codec)) {
                continue;
            } else if (flag.startsWith(LEARNING)) {
                if (EndpointLearning.parse(flag.substring(LEARNING.length())).isPresent()) {
                    known.add(flag);
                } else {
                    warnings.add("unknown endpoint learning '" + raw + "' ignored: the relay's own applies");
                }
            } else if (NOT_HONOURED_PREFIXES.keySet().stream().anyMatch(flag::startsWith)) {
                warnings.add(NOT_HONOURED_PREFIXES.entrySet().stream().filter(e -> flag.startsWith(e.getKey()))
                        .findFirst().orElseThrow().getValue() + " ('" + raw + "')");
            } else {
                warnings.add("unknown flag '" + raw + "' ignored");
            }
        }
        return new NgFlags(known, warnings, codec);
    }

    /**
     * {@code codec-<key>-<value>}: the value keeps its case (codec names, {@code opus/48000/2}); false when the key is
     * not one of the dictionary's.
     */
    private static boolean codecFlag(String raw, Map<String, List<String>> codec) {
        String rest = raw.substring("codec-".length());
        int dash = rest.indexOf('-');
        if (dash <= 0 || dash == rest.length() - 1) {
            return false;
        }
        String key = rest.substring(0, dash).toLowerCase(Locale.ROOT);
        if (!CODEC_KEYS.contains(key)) {
            return false;
        }
        codec.computeIfAbsent(key, k -> new ArrayList<>()).add(rest.substring(dash + 1));
        return true;
    }

    static String normalise(String flag) {
        return flag.trim().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }
}
