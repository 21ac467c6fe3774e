package org.mediarelay.node.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mediarelay.node.testing.NodeHarness.loopback;
import static org.mediarelay.node.testing.NodeHarness.relay;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PartyHints;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.testing.ManualClock;
import org.mediarelay.node.testing.NodeHarness;
import org.mediarelay.node.testing.StunMessages;
import org.mediarelay.node.testing.UdpPeer;

/** ICE connectivity checks cross the relay untouched, and each response finds its way back to its request's sender. */
class StunPassThroughTest {

    private final NodeHarness harness = new NodeHarness(NodeHarness.config(8), new ManualClock().nodeClock());

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private static PartyHints ice(UdpPeer media) {
        return NodeHarness.at(media.address()).withIce(true, java.util.List.of());
    }

    @Test
    void a_check_from_another_candidate_is_passed_on_and_its_response_goes_back_to_that_candidate() throws Exception {
        try (UdpPeer callerMedia = new UdpPeer(loopback(2)); UdpPeer callerHost = new UdpPeer(loopback(4));
             UdpPeer callee = new UdpPeer(loopback(3))) {
            StreamPorts ports = harness.signal("stun", Party.CALLER, ice(callerMedia));
            harness.signal("stun", Party.CALLEE, ice(callee));
            byte[] request = StunMessages.bindingRequest(StunMessages.transaction(1), false);
            callerHost.send(request, relay(ports.callerFacing().rtp()));
            UdpPeer.Received check = callee.receive().orElseThrow(() -> new AssertionError("check not passed on"));
            assertArrayEquals(request, check.payload(), "untouched");
            assertEquals(relay(ports.calleeFacing().rtp()), check.from());

            byte[] response = StunMessages.bindingSuccess(StunMessages.transaction(1));
            callee.send(response, relay(ports.calleeFacing().rtp()));
            UdpPeer.Received back = callerHost.receive().orElseThrow(() -> new AssertionError("response lost"));
            assertArrayEquals(response, back.payload());
            assertEquals(relay(ports.callerFacing().rtp()), back.from());
            assertEquals(Optional.empty(), callerMedia.receive(200), "not to the caller's media address");

            callee.send(StunMessages.bindingSuccess(StunMessages.transaction(99)), relay(ports.calleeFacing().rtp()));
            StreamStats s = harness.release("stun");
            assertEquals(1, s.fromCaller().stun().packets());
            assertEquals(1, s.fromCallee().stun().packets(), "a response to nothing is not forwarded");
            assertEquals(0, s.fromCaller().rtp().packets());
            assertEquals(Optional.empty(), s.fromCaller().latchedRtp(), "STUN does not latch");
        }
    }

    @Test
    void a_check_that_arrives_before_the_answer_is_held_and_delivered_when_the_answer_names_the_callee()
            throws Exception {
        try (UdpPeer caller = new UdpPeer(loopback(2)); UdpPeer callee = new UdpPeer(loopback(3))) {
            StreamPorts ports = harness.signal("early", Party.CALLER, ice(caller));
            byte[] request = StunMessages.bindingRequest(StunMessages.transaction(2), false);
            caller.send(request, relay(ports.callerFacing().rtp()));
            harness.stats("early");
            assertEquals(Optional.empty(), callee.receive(200));
            harness.signal("early", Party.CALLEE, ice(callee));
            assertArrayEquals(request, callee.receive().orElseThrow(() -> new AssertionError("held check lost")).payload());
        }
    }
}
