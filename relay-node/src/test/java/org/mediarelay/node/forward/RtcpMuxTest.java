package org.mediarelay.node.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mediarelay.node.testing.NodeHarness.loopback;
import static org.mediarelay.node.testing.NodeHarness.relay;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.Counter;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PartyHints;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.testing.ManualClock;
import org.mediarelay.node.testing.NodeHarness;
import org.mediarelay.node.testing.UdpPeer;

/** RTCP on the RTP port (RFC 5761): relayed to each party where its own SDP says it wants RTCP. */
class RtcpMuxTest {

    private final NodeHarness harness = new NodeHarness(NodeHarness.config(8), new ManualClock().nodeClock());

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private static PartyHints muxed(UdpPeer rtp) {
        return NodeHarness.at(rtp.address()).withMux(true);
    }

    @Test
    void when_both_parties_multiplex_rtcp_travels_between_the_rtp_ports_and_is_counted_as_rtcp() throws Exception {
        try (UdpPeer caller = new UdpPeer(loopback(2)); UdpPeer callee = new UdpPeer(loopback(3))) {
            StreamPorts ports = harness.signal("mux", Party.CALLER, muxed(caller));
            harness.signal("mux", Party.CALLEE, muxed(callee));
            caller.send(UdpPeer.rtp(1, 0xA1), relay(ports.callerFacing().rtp()));
            assertEquals(relay(ports.calleeFacing().rtp()), callee.receive().orElseThrow().from());
            caller.send(UdpPeer.rtcp(0xA1), relay(ports.callerFacing().rtp()));
            UdpPeer.Received rtcp = callee.receive().orElseThrow(() -> new AssertionError("muxed RTCP lost"));
            assertEquals(relay(ports.calleeFacing().rtp()), rtcp.from());
            assertEquals(201, rtcp.payload()[1] & 0xFF);
            callee.send(UdpPeer.rtcp(0xB2), relay(ports.calleeFacing().rtp()));
            assertEquals(relay(ports.callerFacing().rtp()), caller.receive().orElseThrow().from());

            StreamStats s = harness.release("mux");
            assertEquals(new Counter(1, 172), s.fromCaller().rtp());
            assertEquals(new Counter(1, 8), s.fromCaller().rtcp());
            assertEquals(new Counter(1, 8), s.fromCallee().rtcp());
            assertEquals(Optional.empty(), s.fromCaller().latchedRtcp(), "nothing arrived on the RTCP port");
        }
    }

    @Test
    void rtcp_is_demultiplexed_for_a_party_that_does_not_multiplex_and_multiplexed_for_one_that_does() throws Exception {
        try (UdpPeer caller = new UdpPeer(loopback(2)); UdpPeer callee = new UdpPeer(loopback(3));
             UdpPeer calleeRtcp = new UdpPeer(loopback(3))) {
            StreamPorts ports = harness.signal("demux", Party.CALLER, muxed(caller));
            harness.signal("demux", Party.CALLEE, PartyHints.at(callee.address(), calleeRtcp.address()));
            caller.send(UdpPeer.rtcp(0xA1), relay(ports.callerFacing().rtp()));
            UdpPeer.Received down = calleeRtcp.receive().orElseThrow(() -> new AssertionError("not demultiplexed"));
            assertEquals(relay(ports.calleeFacing().rtcp()), down.from(), "from the RTCP port advertised to the callee");
            calleeRtcp.send(UdpPeer.rtcp(0xB2), relay(ports.calleeFacing().rtcp()));
            UdpPeer.Received up = caller.receive().orElseThrow(() -> new AssertionError("not multiplexed"));
            assertEquals(relay(ports.callerFacing().rtp()), up.from(), "on the caller's one port");
            assertEquals(Optional.empty(), callee.receive(200), "the callee's RTP port got no RTCP");

            StreamStats s = harness.release("demux");
            assertEquals(new Counter(1, 8), s.fromCaller().rtcp());
            assertEquals(new Counter(1, 8), s.fromCallee().rtcp());
            assertEquals(Optional.of(calleeRtcp.address()), s.fromCallee().latchedRtcp());
        }
    }
}
