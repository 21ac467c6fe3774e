package org.mediarelay.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.accounting.cdr.CdrMedia;
import org.mediarelay.accounting.cdr.CdrNotes;
import org.mediarelay.accounting.cdr.StreamPath;
import org.mediarelay.accounting.cdr.TerminationReason;
import org.mediarelay.dispatcher.session.CallSession;
import org.mediarelay.dispatcher.session.StreamSdp;
import org.mediarelay.dispatcher.signalling.Annotation;
import org.mediarelay.node.api.Counter;
import org.mediarelay.node.api.DropReason;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PartyFlow;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.api.StreamState;
import org.mediarelay.node.api.StreamStats;

class CdrBuilderTest {

    private static final PartyFlow SENT = new PartyFlow(new Counter(10, 1720), Counter.ZERO, Counter.ZERO, Counter.ZERO,
            Counter.ZERO, Counter.ZERO, PartyFlow.NONE.drops(), PartyFlow.NONE.latchedRtp(), PartyFlow.NONE.latchedRtcp(),
            PartyFlow.NONE.firstPacket(), PartyFlow.NONE.lastPacket(), PartyFlow.NONE.ssrcs(),
            PartyFlow.NONE.payloadTypes(), PartyFlow.NONE.quality(), 0);
    private static final PartyFlow STUN_ONLY = new PartyFlow(Counter.ZERO, Counter.ZERO, new Counter(4, 400),
            Counter.ZERO, Counter.ZERO, Counter.ZERO, PartyFlow.NONE.drops(), PartyFlow.NONE.latchedRtp(),
            PartyFlow.NONE.latchedRtcp(),
            PartyFlow.NONE.firstPacket(), PartyFlow.NONE.lastPacket(), PartyFlow.NONE.ssrcs(),
            PartyFlow.NONE.payloadTypes(), PartyFlow.NONE.quality(), 0);

    private static StreamStats stream(PartyFlow caller, PartyFlow callee, StreamState state) {
        return new StreamStats(0, "audio", new PortPair(30000, 30001), new PortPair(30002, 30003), caller, callee, state);
    }

    @Test
    void the_path_of_a_stream_says_whether_media_was_relayed_one_way_not_at_all_or_went_direct() {
        assertEquals(StreamPath.RELAYED, CdrBuilder.path(stream(SENT, SENT, StreamState.RELAYED)));
        assertEquals(StreamPath.ONE_WAY, CdrBuilder.path(stream(SENT, STUN_ONLY, StreamState.RELAYED)));
        assertEquals(StreamPath.NO_MEDIA, CdrBuilder.path(stream(STUN_ONLY, PartyFlow.NONE, StreamState.RELAYED)),
                "ICE checks are not media");
        assertEquals(StreamPath.ICE_DIRECT, CdrBuilder.path(stream(SENT, STUN_ONLY, StreamState.ICE_DIRECT)));
    }

    @Test
    void packet_times_stay_within_the_sessions_life_and_labels_metadata_and_drops_are_carried() {
        Instant created = Instant.parse("2026-11-21T10:00:00.200Z");
        Instant ended = Instant.parse("2026-11-21T10:01:00Z");
        // The node's tick put the first packet 80 ms before the offer arrived, and its clock is ahead by 30 ms.
        PartyFlow early = new PartyFlow(new Counter(10, 1720), Counter.ZERO, Counter.ZERO, Counter.ZERO,
                Counter.ZERO, Counter.ZERO,
                Map.of(DropReason.STRICT_SOURCE, 2L, DropReason.LEARNING, 0L), Optional.empty(), Optional.empty(),
                Optional.of(created.minusMillis(80)), Optional.of(ended.plusMillis(30)), List.of(), List.of(0, 101),
                Optional.empty(), 1);
        CallSession s = CallSession.offered("sess-1", "call-1", "alice", "relay-a", created)
                .withSdp(Party.CALLER, List.of(new StreamSdp(0, Optional.of("192.0.2.10:4000"),
                        List.of("PCMU/8000", "PCMA/8000", "telephone-event/8000"))))
                .answeredBy("bob", "192.0.2.1", created.plusSeconds(2))
                .withSdp(Party.CALLEE, List.of(new StreamSdp(0, Optional.of("[2001:db8::7]:5000"),
                        List.of("PCMA/8000", "telephone-event/8000"))))
                .signalled(Party.CALLER, created, new Annotation(Optional.of("pbx"), Optional.of("tenant=7")));
        Cdr cdr = CdrBuilder.build(s, List.of(stream(early, PartyFlow.NONE, StreamState.RELAYED)), ended,
                TerminationReason.REGULAR);
        CdrMedia m = cdr.streams().get(0).caller().media();
        assertEquals(Optional.of(created), m.firstPacket());
        assertEquals(Optional.of(ended), m.lastPacket());
        assertEquals(Map.of("strict-source", 2L), m.drops(), "only reasons that dropped something");
        assertEquals(List.of(0, 101), m.payloadTypes());
        assertEquals(1, m.relatches());
        assertEquals(new CdrNotes(Map.of("caller", "pbx"), Optional.of("tenant=7")), cdr.notes());
        assertEquals(List.of("PCMA/8000", "telephone-event/8000"), cdr.streams().get(0).codecs(), "the answer's");
        assertEquals(Optional.of("192.0.2.10:4000"), m.sdpRtp());
        assertEquals(Optional.of("[2001:db8::7]:5000"), cdr.streams().get(0).callee().media().sdpRtp());
    }
}
