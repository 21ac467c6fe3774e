package org.mediarelay.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mediarelay.sdp.relay.IceMode;
import org.mediarelay.sdp.relay.MangleOptions;
import org.mediarelay.sdp.relay.PropertyChecks;
import org.mediarelay.sdp.relay.RelayEndpoint;
import org.mediarelay.sdp.relay.SdpMangler;

/** Properties over generated SDP: the parser is lossless, the mangler keeps its invariants on any valid input. */
class SdpPropertiesTest {

    @Provide
    Arbitrary<String> bodies() {
        return GeneratedSdp.bodies();
    }

    @Provide
    Arbitrary<String> relayAddresses() {
        return Arbitraries.of("203.0.113.5", "198.51.100.200", "2001:db8::5", "::1");
    }

    @Property(tries = 2000)
    void every_valid_body_serializes_back_byte_for_byte(@ForAll("bodies") String body) {
        assertEquals(body, SdpParser.parse(body).serialize());
    }

    @Property(tries = 1000)
    void relay_candidate_mode_keeps_every_ice_stream_consistent_whatever_the_input(
            @ForAll("bodies") String body, @ForAll("relayAddresses") String relay) {
        SessionDescription in = SdpParser.parse(body);
        Map<Integer, RelayEndpoint> relays = PropertyChecks.relaysFor(in, relay);
        SessionDescription out = SdpMangler.mangle(in, relays, MangleOptions.DEFAULT);
        assertEquals(List.of(), PropertyChecks.violations(in, out, relays));
        assertEquals(out.serialize(), SdpParser.parse(out.serialize()).serialize());
    }

    @Property(tries = 1000)
    void only_connection_port_rtcp_and_relay_candidate_lines_change(
            @ForAll("bodies") String body, @ForAll("relayAddresses") String relay) {
        SessionDescription in = SdpParser.parse(body);
        Map<Integer, RelayEndpoint> relays = PropertyChecks.relaysFor(in, relay);
        for (IceMode mode : new IceMode[] {IceMode.RELAY_CANDIDATE, IceMode.OFF}) {
            SessionDescription out = SdpMangler.mangle(in, relays, MangleOptions.DEFAULT.withIce(mode));
            assertEquals(others(in, relay), others(out, relay), mode.toString());
        }
    }

    /** Every line but c=, m=, a=rtcp and the relay's own candidates, in order. */
    private static List<String> others(SessionDescription sdp, String relay) {
        List<String> out = new ArrayList<>();
        List<SdpLine> all = new ArrayList<>(sdp.sessionLines());
        sdp.media().forEach(m -> all.addAll(m.lines()));
        for (SdpLine l : all) {
            boolean relayCandidate = l.isAttribute("candidate") && l.value().contains(" typ relay raddr " + relay + " ");
            if (l.type() != 'c' && l.type() != 'm' && !l.isAttribute("rtcp") && !relayCandidate) {
                out.add(l.text() + "|" + l.eol());
            }
        }
        return out;
    }
}
