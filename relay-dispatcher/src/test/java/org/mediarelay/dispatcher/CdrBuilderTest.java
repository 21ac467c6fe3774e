package org.mediarelay.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mediarelay.accounting.cdr.StreamPath;
import org.mediarelay.node.api.Counter;
import org.mediarelay.node.api.PartyFlow;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.api.StreamState;
import org.mediarelay.node.api.StreamStats;

class CdrBuilderTest {

    private static final PartyFlow SENT = new PartyFlow(new Counter(10, 1720), Counter.ZERO, Counter.ZERO, Counter.ZERO,
            PartyFlow.NONE.drops(), PartyFlow.NONE.latchedRtp(), PartyFlow.NONE.latchedRtcp(),
            PartyFlow.NONE.firstPacket(), PartyFlow.NONE.lastPacket(), PartyFlow.NONE.ssrcs(),
            PartyFlow.NONE.payloadTypes(), PartyFlow.NONE.quality(), 0);
    private static final PartyFlow STUN_ONLY = new PartyFlow(Counter.ZERO, Counter.ZERO, new Counter(4, 400),
            Counter.ZERO, PartyFlow.NONE.drops(), PartyFlow.NONE.latchedRtp(), PartyFlow.NONE.latchedRtcp(),
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
}
