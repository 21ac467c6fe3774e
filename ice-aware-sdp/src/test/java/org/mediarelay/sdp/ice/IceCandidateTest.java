package org.mediarelay.sdp.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mediarelay.sdp.Corpus;
import org.mediarelay.sdp.SdpLine;
import org.mediarelay.sdp.SdpParser;

class IceCandidateTest {

    static Stream<String> everyCandidateOfTheCorpus() {
        return Corpus.all().stream().flatMap(n -> {
            var sdp = SdpParser.parse(n.body());
            return Stream.concat(sdp.sessionLines().stream(), sdp.media().stream().flatMap(m -> m.lines().stream()));
        }).filter(l -> l.isAttribute(IceCandidate.NAME)).map(SdpLine::value).map(v -> v.substring(IceCandidate.NAME.length() + 1));
    }

    @ParameterizedTest
    @MethodSource("everyCandidateOfTheCorpus")
    void every_real_candidate_formats_back_to_itself(String value) {
        assertEquals(value, IceCandidate.parse(value).format());
    }

    @Test
    void all_fields_of_a_server_reflexive_candidate_with_extensions_are_read() {
        IceCandidate c = IceCandidate.parse(
                "842163049 1 udp 1677729535 82.64.133.208 61015 typ srflx raddr 192.168.0.87 rport 61015 generation 0 network-cost 999");
        assertEquals("842163049", c.foundation());
        assertEquals(1, c.component());
        assertEquals("udp", c.transport());
        assertTrue(c.isUdp());
        assertEquals(1677729535L, c.priority());
        assertEquals("82.64.133.208", c.address());
        assertEquals(61015, c.port());
        assertTrue(c.type().is(CandidateType.SRFLX));
        assertEquals(Optional.of("192.168.0.87"), c.relatedAddress());
        assertEquals(OptionalInt.of(61015), c.relatedPort());
        assertEquals(List.of(new CandidateExtension("generation", "0"), new CandidateExtension("network-cost", "999")),
                c.extensions());
    }

    @Test
    void unknown_types_mdns_names_tcp_and_out_of_range_priorities_are_kept_for_forwarding() {
        IceCandidate odd = IceCandidate.parse("1 1 UDP 4294967295 2a1b3c4d-0000.local 50000 typ tunnel tcptype passive");
        assertFalse(odd.type().isKnown());
        assertEquals("tunnel", odd.type().token());
        assertEquals(4294967295L, odd.priority(), "above 2^31-1 is invalid but must be forwarded as received");
        assertEquals("2a1b3c4d-0000.local", odd.address());
        assertFalse(IceCandidate.parse("1 1 TCP 1518280447 192.0.2.1 9 typ host tcptype active").isUdp());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1 1 UDP 2130706431 192.0.2.1 4000",
        "1 1 UDP 2130706431 192.0.2.1 4000 type host",
        "1 0 UDP 2130706431 192.0.2.1 4000 typ host",
        "1 1 UDP -5 192.0.2.1 4000 typ host",
        "1 1 UDP 2130706431 192.0.2.1 70000 typ host",
        "1 1 UDP 2130706431 192.0.2.1 4000 typ host generation",
        "1 1 UDP 2130706431 192.0.2.1 4000 typ srflx raddr 192.0.2.2 rport x",
    })
    void malformed_candidates_are_refused_with_the_grammar(String value) {
        assertEquals(IceCandidate.EXPECTED, assertThrows(IllegalArgumentException.class, () -> IceCandidate.parse(value))
                .getMessage());
    }

    @Test
    void remote_candidates_are_read_as_triples() {
        assertEquals(List.of(new RemoteCandidate(1, "192.0.2.3", 45664), new RemoteCandidate(2, "192.0.2.3", 45665)),
                RemoteCandidate.parseAll("1 192.0.2.3 45664 2 192.0.2.3 45665"));
        assertThrows(IllegalArgumentException.class, () -> RemoteCandidate.parseAll("1 192.0.2.3"));
    }
}
