package org.mediarelay.control.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.Counter;
import org.mediarelay.node.api.PartyFlow;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.api.StreamState;
import org.mediarelay.node.api.StreamStats;

class ApiJsonTest {

    private static PartyFlow sent(Counter rtp, Counter stun) {
        PartyFlow n = PartyFlow.NONE;
        return new PartyFlow(rtp, Counter.ZERO, stun, Counter.ZERO, Counter.ZERO, Counter.ZERO, n.drops(),
                n.latchedRtp(), n.latchedRtcp(), n.firstPacket(), n.lastPacket(), n.ssrcs(), n.payloadTypes(),
                n.quality(), 0);
    }

    private static final PartyFlow MEDIA = sent(new Counter(10, 1720), Counter.ZERO);
    private static final PartyFlow STUN_ONLY = sent(Counter.ZERO, new Counter(4, 400));

    private static String path(PartyFlow fromCaller, PartyFlow fromCallee, StreamState state) {
        return ApiJson.path(new StreamStats(0, "audio", new PortPair(30000, 30001), new PortPair(30002, 30003),
                fromCaller, fromCallee, state));
    }

    @Test
    void a_stream_is_relayed_one_way_or_without_media_by_what_crossed_the_relay_and_stun_is_not_media() {
        assertEquals("relayed", path(MEDIA, MEDIA, StreamState.RELAYED));
        assertEquals("one-way", path(MEDIA, PartyFlow.NONE, StreamState.RELAYED));
        assertEquals("one-way", path(STUN_ONLY, MEDIA, StreamState.RELAYED));
        assertEquals("no-media", path(STUN_ONLY, STUN_ONLY, StreamState.RELAYED));
    }

    @Test
    void a_stream_that_ice_took_around_the_relay_or_a_later_sdp_removed_says_so_whatever_its_counters() {
        assertEquals("ice-direct", path(MEDIA, MEDIA, StreamState.ICE_DIRECT));
        assertEquals("removed", path(MEDIA, PartyFlow.NONE, StreamState.REMOVED));
    }
}
