package org.mediarelay.sdp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mediarelay.sdp.analysis.SdpAnalysis;
import org.mediarelay.sdp.relay.IceMode;
import org.mediarelay.sdp.relay.MangleOptions;
import org.mediarelay.sdp.relay.PropertyChecks;
import org.mediarelay.sdp.relay.SdpMangler;

/**
 * Coverage-guided fuzzing (Jazzer): whatever bytes arrive, the parser either refuses them with
 * {@link SdpSyntaxException} or returns a description that serializes back to exactly those bytes, and the analysis
 * and every mangling mode then run without any exception and keep their invariants. Any other exception, a hang or a
 * broken invariant is a finding. Bounded in time so that CI stays fast; the seed is a small ICE offer and the
 * dictionary holds the tokens the parser looks for.
 */
class SdpFuzzTest {

    @FuzzTest(maxDuration = "45s")
    // libFuzzer dictionary syntax: bytes as \xNN escapes.
    @DictionaryEntries({"v=0\\x0d\\x0a", "\\x0d\\x0a", "\\x0a", "m=audio ", "m=video ", " RTP/AVP ", " UDP/TLS/RTP/SAVPF ", " udptl ",
        "c=IN IP4 ", "c=IN IP6 ", "0.0.0.0", "o=- ", " IN IP4 ", "a=rtcp:", "a=rtcp-mux", "a=candidate:", " typ host",
        " typ relay", " raddr ", " rport ", "a=ice-ufrag:", "a=ice-pwd:", "a=remote-candidates:", "a=end-of-candidates",
        "a=sendonly", "a=group:BUNDLE ", "a=mid:", "a=rtpmap:", "a=fmtp:", " 2130706431 ", " 65535"})
    void arbitrary_bytes_are_parsed_or_refused_and_what_parses_is_mangled_safely(FuzzedDataProvider data) {
        boolean ipv6 = data.consumeBoolean();
        String body = new String(data.consumeRemainingAsBytes(), StandardCharsets.ISO_8859_1);
        SessionDescription sdp;
        try {
            sdp = SdpParser.parse(body);
        } catch (SdpSyntaxException refused) {
            return;
        }
        if (!sdp.serialize().equals(body)) {
            throw new IllegalStateException("not lossless");
        }
        SdpAnalysis.streams(sdp);
        SdpAnalysis.bundleGroups(sdp);
        var relays = PropertyChecks.relaysFor(sdp, ipv6 ? "2001:db8::5" : "203.0.113.5");
        for (IceMode mode : IceMode.values()) {
            var out = SdpMangler.mangle(sdp, relays, MangleOptions.DEFAULT.withIce(mode));
            if (mode == IceMode.RELAY_CANDIDATE && !PropertyChecks.violations(sdp, out, relays).equals(List.of())) {
                throw new IllegalStateException("invariant broken: " + PropertyChecks.violations(sdp, out, relays));
            }
        }
    }
}
