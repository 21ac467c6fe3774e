package org.mediarelay.control.ng;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code flags} list of a request, normalised ({@code SIP source address} = {@code sip-source-address}). A flag
 * the relay honours is in {@link #has}; one it knows but cannot honour, and one it does not know, is accepted with a
 * warning, as rtpengine does: the call goes through.
 */
record NgFlags(Set<String> flags, List<String> warnings) {

    /** Flags with their effect, or none needed: the relay already behaves that way. */
    private static final Set<String> HONOURED = Set.of(
            "trust-address",        // the default: the SDP address is the first latching hint
            "sip-source-address",   // received-from in place of the SDP address
            "symmetric",            // always: the relay sends to where a party sends from
            "strict-source",        // the default: after latching, other sources are dropped
            "port-latching", "no-port-latching", // latching is by address and port, ranked by signalling hints
            "no-rtcp-attribute",    // the relay never adds a=rtcp
            "original-sendrecv",    // the relay never changes direction attributes
            "fatal",                // delete: an unknown call is an error
            "fast",                 // delete: no statistics in the reply
            "to-tag",               // delete: the branch of the to-tag (with forking)
            "all",                  // delete: the whole call
            "reset");               // the relay keeps no ICE or DTLS state to reset: it passes both through

    /** Known, not honoured: why, for the warning. */
    private static final Map<String, String> NOT_HONOURED = Map.of(
            "asymmetric", "asymmetric RTP is not supported: the relay latches to where each party sends from",
            "media-handover", "media handover is not honoured: a new source takes over only after the old one went "
                    + "silent (NAT rebinding), which keeps RTP Bleed out",
            "loop-protect", "loop protect is not supported",
            "full-rtcp-attribute", "full rtcp attribute is not honoured: a=rtcp is rewritten only where the party "
                    + "sent one");

    NgFlags {
        flags = Set.copyOf(flags);
        warnings = List.copyOf(warnings);
    }

    static NgFlags of(NgRequest r) {
        Set<String> known = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        for (String raw : r.strings("flags")) {
            String flag = normalise(raw);
            if (HONOURED.contains(flag)) {
                known.add(flag);
            } else if (NOT_HONOURED.containsKey(flag)) {
                warnings.add(NOT_HONOURED.get(flag));
            } else {
                warnings.add("unknown flag '" + raw + "' ignored");
            }
        }
        return new NgFlags(known, warnings);
    }

    static String normalise(String flag) {
        return flag.trim().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }
}
