package org.mediarelay.sdp.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediarelay.sdp.Corpus;
import org.mediarelay.sdp.SdpParser;
import org.mediarelay.sdp.SessionDescription;
import org.mediarelay.sdp.ice.IceAttributes;

/** Each body of the corpus, mangled in each mode for an IPv4 and an IPv6 relay. */
class CorpusManglingTest {

    static Stream<Corpus.Named> bodies() {
        return Corpus.all().stream();
    }

    private static void forBothFamilies(Corpus.Named named, MangleOptions options, Check check) {
        for (String relay : List.of("203.0.113.5", "2001:db8::5")) {
            SessionDescription in = SdpParser.parse(named.body());
            Map<Integer, RelayEndpoint> relays = Invariants.relaysFor(in, relay);
            SessionDescription out = SdpMangler.mangle(in, relays, options);
            String text = out.serialize();
            assertEquals(text, SdpParser.parse(text).serialize(), "the output is itself lossless SDP");
            assertEquals(List.of(), Invariants.untouchedSections(in, out, relays));
            check.apply(in, out, relays);
        }
    }

    private interface Check {
        void apply(SessionDescription in, SessionDescription out, Map<Integer, RelayEndpoint> relays);
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void relay_candidate_mode_never_leaves_a_default_address_outside_the_candidates(Corpus.Named sdp) {
        forBothFamilies(sdp, MangleOptions.DEFAULT, (in, out, relays) ->
                assertEquals(List.of(), Invariants.relayCandidateMode(in, out, relays)));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void remove_mode_leaves_no_ice_on_relayed_streams_or_the_session(Corpus.Named sdp) {
        forBothFamilies(sdp, MangleOptions.DEFAULT.withIce(IceMode.REMOVE), (in, out, relays) -> {
            assertTrue(out.sessionLines().stream().noneMatch(IceAttributes::isIce));
            relays.keySet().forEach(i -> assertTrue(out.media().get(i).lines().stream().noneMatch(IceAttributes::isIce)));
        });
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void off_mode_changes_no_ice_line(Corpus.Named sdp) {
        forBothFamilies(sdp, MangleOptions.DEFAULT.withIce(IceMode.OFF), (in, out, relays) -> {
            assertEquals(IceAttributes.only(in.sessionLines()), IceAttributes.only(out.sessionLines()));
            for (int i = 0; i < in.media().size(); i++) {
                assertEquals(IceAttributes.only(in.media().get(i).lines()), IceAttributes.only(out.media().get(i).lines()));
            }
        });
    }
}
