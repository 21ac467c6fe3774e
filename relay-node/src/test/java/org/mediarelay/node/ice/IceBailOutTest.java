package org.mediarelay.node.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mediarelay.node.testing.NodeHarness.loopback;
import static org.mediarelay.node.testing.NodeHarness.relay;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.NodeEvent;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PartyHints;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamState;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.testing.ManualClock;
import org.mediarelay.node.testing.NodeHarness;
import org.mediarelay.node.testing.StunMessages;
import org.mediarelay.node.testing.UdpPeer;

/**
 * Endpoints that speak STUN through the relay, and what the node concludes: it gives a stream up (freeing its ports)
 * only on evidence that ICE took another path, never while media crosses it, even one way.
 */
class IceBailOutTest {

    private static final IcePolicy POLICY = new IcePolicy(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(10));

    private final ManualClock clock = new ManualClock();
    private final NodeHarness harness = new NodeHarness(NodeHarness.config(8).withIce(POLICY), clock.nodeClock());
    private final UdpPeer caller = new UdpPeer(loopback(2));
    private final UdpPeer callee = new UdpPeer(loopback(3));
    private StreamPorts ports;

    @AfterEach
    void stop() throws Exception {
        caller.close();
        callee.close();
        harness.close();
    }

    private static PartyHints ice(UdpPeer media) {
        return NodeHarness.at(media.address()).withIce(true, List.of());
    }

    private void iceCall(String session) throws Exception {
        ports = harness.signal(session, Party.CALLER, ice(caller));
        harness.signal(session, Party.CALLEE, ice(callee));
    }

    /** A check from the caller through the relay, answered by the callee. */
    private void check(int n, boolean nominate) {
        caller.send(StunMessages.bindingRequest(StunMessages.transaction(n), nominate), relay(ports.callerFacing().rtp()));
        callee.receive().orElseThrow(() -> new AssertionError("check lost"));
        callee.send(StunMessages.bindingSuccess(StunMessages.transaction(n)), relay(ports.calleeFacing().rtp()));
        caller.receive().orElseThrow(() -> new AssertionError("response lost"));
    }

    private void stillRelayed(String session) throws Exception {
        Awaitility.await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                .until(() -> harness.event(NodeEvent.IceDirect.class).isEmpty());
        assertEquals(StreamState.RELAYED, harness.stats(session).state());
    }

    @Test
    void checks_through_the_relay_that_stop_without_nomination_or_media_mean_ice_went_direct() throws Exception {
        int free = harness.node.freePortPairs();
        iceCall("direct");
        for (int i = 0; i < 5; i++) {
            check(i, false);
        }
        clock.advance(Duration.ofSeconds(3));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> harness.event(NodeEvent.IceDirect.class).isPresent());
        assertEquals(new NodeEvent.IceDirect("node-test", "direct", "call-direct", 0),
                harness.event(NodeEvent.IceDirect.class).orElseThrow());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> harness.node.freePortPairs() == free);
        StreamStats s = harness.release("direct");
        assertEquals(StreamState.ICE_DIRECT, s.state());
        assertEquals(5, s.fromCaller().stun().packets());
        assertEquals(1, harness.events.size(), "reported once; no timeout");
    }

    @Test
    void an_aggressive_nomination_through_the_relay_that_nothing_follows_is_a_direct_path_not_a_timeout()
            throws Exception {
        iceCall("aggressive");
        check(1, true);
        check(2, true);
        clock.advance(Duration.ofSeconds(5));
        stillRelayed("aggressive");
        clock.advance(Duration.ofSeconds(6));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> harness.event(NodeEvent.IceDirect.class).isPresent());
        assertEquals(StreamState.ICE_DIRECT, harness.release("aggressive").state());
    }

    @Test
    void a_nominated_pair_that_keepalives_still_cross_keeps_the_stream() throws Exception {
        iceCall("kept");
        check(1, true);
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(8));
            java.time.Instant now = clock.nodeClock().instantOf(clock.nodeClock().millis());
            // Packets carry the node's last tick time: send until one is stamped with the advanced clock.
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
                caller.send(StunMessages.bindingIndication(), relay(ports.callerFacing().rtp()));
                callee.receive(100);
                return !harness.stats("kept").fromCaller().lastPacket().orElseThrow().isBefore(now);
            });
        }
        stillRelayed("kept");
    }

    @Test
    void one_way_media_through_the_relay_keeps_the_stream() throws Exception {
        iceCall("oneway");
        check(1, false);
        for (int seq = 0; seq < 20; seq++) {
            clock.advance(Duration.ofMillis(500));
            int s = seq;
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
                caller.send(UdpPeer.rtp(s, 0xA1), relay(ports.callerFacing().rtp()));
                return callee.receive(100).isPresent();
            });
        }
        stillRelayed("oneway");
    }

    @Test
    void a_re_offer_naming_a_pair_around_the_relay_frees_the_stream_at_once() throws Exception {
        iceCall("reoffer");
        check(1, false);
        InetSocketAddress calleeHost = new InetSocketAddress(loopback(3), 50000);
        harness.signal("reoffer", Party.CALLER, ice(caller).withIce(true, List.of(calleeHost)));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> harness.event(NodeEvent.IceDirect.class).isPresent());
    }

    @Test
    void a_re_offer_naming_the_relay_as_the_selected_pair_keeps_it_for_good() throws Exception {
        iceCall("relayed");
        harness.signal("relayed", Party.CALLER, ice(caller).withIce(true, List.of(relay(ports.callerFacing().rtp()))));
        clock.advance(Duration.ofSeconds(50));
        stillRelayed("relayed");
    }
}
