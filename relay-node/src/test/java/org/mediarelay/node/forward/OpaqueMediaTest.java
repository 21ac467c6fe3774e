package org.mediarelay.node.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediarelay.node.testing.NodeHarness.loopback;
import static org.mediarelay.node.testing.NodeHarness.relay;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.ExpiryReason;
import org.mediarelay.node.api.NodeEvent;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.api.Transport;
import org.mediarelay.node.session.TimeoutPolicy;
import org.mediarelay.node.testing.ManualClock;
import org.mediarelay.node.testing.NodeHarness;
import org.mediarelay.node.testing.UdpPeer;
import org.mediarelay.node.testing.Udptl;

/**
 * Media that is not RTP, on real sockets: T.38 fax over UDPTL and other UDP protocols cross the relay as they are,
 * latched by source like RTP, counted under their own kind, and keep a call alive.
 */
class OpaqueMediaTest {

    private static final TimeoutPolicy POLICY = new TimeoutPolicy(Duration.ofSeconds(60), Duration.ofHours(2),
            Duration.ofMinutes(5), Duration.ofHours(4));

    private final ManualClock clock = new ManualClock();
    private final NodeHarness harness = new NodeHarness(NodeHarness.config(8).withTimeouts(POLICY), clock.nodeClock());
    private final UdpPeer caller = new UdpPeer(loopback(2));
    private final UdpPeer callee = new UdpPeer(loopback(3));

    @AfterEach
    void stop() throws Exception {
        caller.close();
        callee.close();
        harness.close();
    }

    private static StreamSetup setup(String media, Transport transport, UdpPeer peer) {
        return new StreamSetup(0, media, transport, NodeHarness.at(peer.address()), Map.of(), Optional.empty(),
                Optional.empty());
    }

    private StreamPorts signalled(String session, String media, Transport transport) throws Exception {
        StreamPorts ports = harness.signal(session, Party.CALLER, setup(media, transport, caller));
        harness.signal(session, Party.CALLEE, setup(media, transport, callee));
        return ports;
    }

    /** A fax page's worth of UDPTL from {@code first}: indicators, then V.21 data, each with the two before it. */
    private static List<byte[]> fax(int first, int count) {
        List<byte[]> ifps = new ArrayList<>();
        ifps.add(Udptl.CNG);
        ifps.add(Udptl.CED);
        ifps.add(Udptl.V21_PREAMBLE);
        SplittableRandom random = new SplittableRandom(first);
        while (ifps.size() < count) {
            byte[] hdlc = new byte[1 + random.nextInt(40)];
            hdlc[0] = (byte) 0xFF;
            for (int i = 1; i < hdlc.length; i++) {
                hdlc[i] = (byte) random.nextInt(256);
            }
            ifps.add(Udptl.v21Data(hdlc));
        }
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[][] redundancy = i == 0 ? new byte[0][] : i == 1 ? new byte[][] {ifps.get(0)}
                    : new byte[][] {ifps.get(i - 1), ifps.get(i - 2)};
            packets.add(Udptl.packet((first + i) & 0xFFFF, ifps.get(i), redundancy));
        }
        return packets;
    }

    /** Sends each datagram from {@code from} and checks {@code to} gets it unchanged; the bytes sent. */
    private static long crossEach(List<byte[]> datagrams, UdpPeer from, InetSocketAddress relayPort, UdpPeer to) {
        long bytes = 0;
        for (byte[] d : datagrams) {
            from.send(d, relayPort);
            UdpPeer.Received r = to.receive().orElseThrow(() -> new AssertionError("a datagram was lost"));
            assertArrayEquals(d, r.payload());
            bytes += d.length;
        }
        return bytes;
    }

    @Test
    void t38_fax_crosses_the_relay_both_ways_byte_for_byte_and_is_counted_as_udptl() throws Exception {
        StreamPorts ports = signalled("fax", "image", Transport.UDPTL);
        // From 0x7FEC: the sequence crosses 0x8000, where a UDPTL packet starts like an RTP one.
        long up = crossEach(fax(0x7FEC, 40), caller, relay(ports.callerFacing().rtp()), callee);
        long down = crossEach(fax(0x0100, 40), callee, relay(ports.calleeFacing().rtp()), caller);

        StreamStats s = harness.release("fax");
        assertEquals(40, s.fromCaller().udptl().packets());
        assertEquals(up, s.fromCaller().udptl().bytes());
        assertEquals(40, s.fromCallee().udptl().packets());
        assertEquals(down, s.fromCallee().udptl().bytes());
        assertEquals(0, s.fromCaller().rtp().packets() + s.fromCallee().rtp().packets(), "nothing read as RTP");
        assertEquals(0, s.fromCaller().dropped() + s.fromCallee().dropped());
        assertEquals(Optional.of(caller.address()), s.fromCaller().latchedRtp());
    }

    @Test
    void a_t38_reinvite_switches_a_stream_from_audio_to_fax_and_back() throws Exception {
        StreamPorts ports = signalled("reinvite", "audio", Transport.RTP);
        InetSocketAddress toCaller = relay(ports.callerFacing().rtp());
        InetSocketAddress toCallee = relay(ports.calleeFacing().rtp());
        List<byte[]> voice = new ArrayList<>();
        for (int seq = 0; seq < 5; seq++) {
            voice.add(UdpPeer.rtp(seq, 0xA1));
        }
        crossEach(voice, caller, toCaller, callee);
        crossEach(voice, callee, toCallee, caller);

        assertEquals(ports, signalled("reinvite", "image", Transport.UDPTL), "the same ports carry the fax");
        crossEach(fax(0x8000, 10), caller, toCaller, callee);
        crossEach(fax(0x0000, 10), callee, toCallee, caller);

        signalled("reinvite", "audio", Transport.RTP);
        crossEach(voice, caller, toCaller, callee);

        StreamStats s = harness.release("reinvite");
        assertEquals(10, s.fromCaller().rtp().packets());
        assertEquals(10, s.fromCaller().udptl().packets());
        assertEquals(5, s.fromCallee().rtp().packets());
        assertEquals(10, s.fromCallee().udptl().packets());
        assertEquals(0, s.fromCaller().dropped() + s.fromCallee().dropped());
    }

    @Test
    void any_other_udp_media_passes_as_opaque_datagrams_counted_as_other() throws Exception {
        StreamPorts ports = signalled("bfcp", "application", Transport.OTHER);
        // BFCP over UDP (RFC 8856): a common header (version 2 in the top bits, like RTP), then attributes; and
        // datagrams of any size a vendor protocol may send.
        List<byte[]> datagrams = List.of(new byte[] {0x40, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
                0x01}, new byte[] {1}, new byte[] {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0}, new byte[1200]);
        long bytes = crossEach(datagrams, caller, relay(ports.callerFacing().rtp()), callee);
        crossEach(datagrams, callee, relay(ports.calleeFacing().rtp()), caller);
        StreamStats s = harness.release("bfcp");
        assertEquals(datagrams.size(), s.fromCaller().other().packets());
        assertEquals(bytes, s.fromCaller().other().bytes());
        assertEquals(0, s.fromCaller().rtp().packets() + s.fromCaller().rtcp().packets());
    }

    @Test
    void a_stranger_spraying_a_fax_streams_ports_neither_hears_nor_injects_anything() throws Exception {
        StreamPorts ports = signalled("sprayed", "image", Transport.UDPTL);
        List<Integer> relayPorts = List.of(ports.callerFacing().rtp(), ports.callerFacing().rtcp(),
                ports.calleeFacing().rtp(), ports.calleeFacing().rtcp());
        SplittableRandom random = new SplittableRandom(5);
        try (UdpPeer stranger = new UdpPeer(loopback(66))) {
            List<byte[]> page = fax(0x1000, 30);
            for (byte[] packet : page) {
                for (int port : relayPorts) {
                    stranger.send(Udptl.packet(random.nextInt(65536), Udptl.v21Data(new byte[] {(byte) 0xFF, 9})),
                            relay(port));
                }
                caller.send(packet, relay(ports.callerFacing().rtp()));
                assertArrayEquals(packet, callee.receive().orElseThrow().payload(), "only the caller's fax");
            }
            assertEquals(List.of(), stranger.drain(200), "the stranger heard nothing");
            assertEquals(List.of(), callee.drain(200), "nothing of the stranger's reached the callee");
            assertEquals(List.of(), caller.drain(200), "nor the caller");
        }
        StreamStats s = harness.release("sprayed");
        assertEquals(30, s.fromCaller().udptl().packets());
        assertTrue(s.fromCaller().dropped() + s.fromCallee().dropped() >= 60, s.toString());
    }

    @Test
    void fax_keeps_a_call_alive_and_its_end_times_the_call_out() throws Exception {
        StreamPorts ports = signalled("alive", "image", Transport.UDPTL);
        List<byte[]> page = fax(0, 10);
        for (int i = 0; i < page.size(); i++) {
            clock.advance(Duration.ofSeconds(30));
            long now = clock.nodeClock().millis();
            byte[] packet = page.get(i);
            // Packets carry the node's last tick time: send until one is stamped with the advanced clock.
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
                caller.send(packet, relay(ports.callerFacing().rtp()));
                callee.receive(100);
                return !harness.stats("alive").fromCaller().lastPacket().orElseThrow()
                        .isBefore(clock.nodeClock().instantOf(now));
            });
        }
        assertTrue(harness.events.isEmpty(), "five minutes of fax, no expiry: " + harness.events);
        clock.advance(Duration.ofSeconds(61));
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> harness.event(NodeEvent.SessionExpired.class).isPresent());
        assertEquals(ExpiryReason.NO_MEDIA, harness.event(NodeEvent.SessionExpired.class).orElseThrow().reason());
    }
}
