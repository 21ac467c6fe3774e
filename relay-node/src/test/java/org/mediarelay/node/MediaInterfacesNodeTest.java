package org.mediarelay.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediarelay.node.testing.NodeHarness.await;
import static org.mediarelay.node.testing.NodeHarness.loopback;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.AddressFamily;
import org.mediarelay.node.api.AllocateRequest;
import org.mediarelay.node.api.AllocateResult;
import org.mediarelay.node.api.InterfaceChoice;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PartyHints;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.testing.NodeHarness;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.testing.UdpPeer;
import org.mediarelay.node.timer.NodeClock;

/**
 * A node with several media interfaces, on real sockets: {@code internal} on 127.0.0.1, {@code external} on 127.0.0.2
 * and on ::1. Each stream's two pairs are bound on the interfaces facing its two parties, each party hears the relay
 * from the address it was told to send to, and each interface's ports come from, and go back to, its own range.
 */
class MediaInterfacesNodeTest {

    private static final InetAddress IPV6_LOOPBACK = address("::1");
    private static final InterfaceChoice INTERNAL_TO_EXTERNAL = new InterfaceChoice(Optional.of("internal"),
            Optional.of("external"), Optional.empty());
    private NodeHarness harness;

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private NodeHarness start(int pairsEach) {
        List<MediaInterface> faces = List.of(
                new MediaInterface("internal", loopback(1), "127.0.0.1", TestPorts.block(pairsEach)),
                new MediaInterface("external", loopback(2), "127.0.0.2", TestPorts.block(pairsEach)),
                new MediaInterface("external", IPV6_LOOPBACK, "::1", TestPorts.block(pairsEach)));
        harness = new NodeHarness(NodeHarness.config(1).withInterfaces(faces), NodeClock.system());
        return harness;
    }

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private static AllocateRequest request(String session, Party party, PartyHints hints, InterfaceChoice choice,
                                           int... indexes) {
        List<StreamSetup> setups = java.util.Arrays.stream(indexes.length == 0 ? new int[] {0} : indexes)
                .mapToObj(i -> new StreamSetup(i, i == 0 ? "audio" : "video", hints, Map.of())).toList();
        return new AllocateRequest(session, "call-" + session, party, setups, true, choice);
    }

    private static AllocateResult.Allocated allocated(AllocateResult r) {
        return assertInstanceOf(AllocateResult.Allocated.class, r);
    }

    /** A packet each way: each party sends to the address and port it was given, and hears the other from it. */
    private static void relaysBothWays(StreamPorts ports, UdpPeer caller, UdpPeer callee) {
        InetSocketAddress callerSendsTo = new InetSocketAddress(ports.callerAddress(), ports.callerFacing().rtp());
        InetSocketAddress calleeSendsTo = new InetSocketAddress(ports.calleeAddress(), ports.calleeFacing().rtp());
        byte[] fromCaller = UdpPeer.rtp(1, 0xCA11);
        byte[] fromCallee = UdpPeer.rtp(1, 0xCA1EE);
        caller.send(fromCaller, callerSendsTo);
        UdpPeer.Received atCallee = callee.receive().orElseThrow(() -> new AssertionError("the callee heard nothing"));
        assertArrayEquals(fromCaller, atCallee.payload());
        assertEquals(calleeSendsTo, atCallee.from(), "the callee hears the relay where it sends");
        callee.send(fromCallee, calleeSendsTo);
        UdpPeer.Received atCaller = caller.receive().orElseThrow(() -> new AssertionError("the caller heard nothing"));
        assertArrayEquals(fromCallee, atCaller.payload());
        assertEquals(callerSendsTo, atCaller.from(), "the caller hears the relay where it sends");
    }

    @Test
    void a_call_between_two_networks_gets_a_pair_on_each_and_rtp_crosses_both_ways() throws Exception {
        start(4);
        try (UdpPeer caller = new UdpPeer(loopback(11)); UdpPeer callee = new UdpPeer(loopback(12))) {
            StreamPorts offer = allocated(await(harness.node.allocate(request("two", Party.CALLER,
                    NodeHarness.at(caller.address()), INTERNAL_TO_EXTERNAL)))).streams().get(0);
            assertEquals("127.0.0.1", offer.callerAddress());
            assertEquals("127.0.0.2", offer.calleeAddress());
            StreamPorts answer = allocated(await(harness.node.allocate(request("two", Party.CALLEE,
                    NodeHarness.at(callee.address()), InterfaceChoice.ANY)))).streams().get(0);
            assertEquals(offer, answer, "the answer keeps the offer's interfaces");
            relaysBothWays(answer, caller, callee);
        }
    }

    @Test
    void an_ipv6_party_and_an_ipv4_party_are_bridged_when_the_offer_asks_for_ipv4() throws Exception {
        start(4);
        try (UdpPeer caller = new UdpPeer(IPV6_LOOPBACK); UdpPeer callee = new UdpPeer(loopback(12))) {
            InterfaceChoice toIpv4 = InterfaceChoice.ANY.withReaderFamily(Optional.of(AddressFamily.IP4));
            StreamPorts offer = allocated(await(harness.node.allocate(request("v6v4", Party.CALLER,
                    NodeHarness.at(caller.address()), toIpv4)))).streams().get(0);
            assertEquals("::1", offer.callerAddress(), "the IPv6 caller is served on the interface that has IPv6");
            assertEquals("127.0.0.1", offer.calleeAddress(), "the IPv4 callee on the default interface");
            allocated(await(harness.node.allocate(request("v6v4", Party.CALLEE, NodeHarness.at(callee.address()),
                    InterfaceChoice.ANY))));
            relaysBothWays(offer, caller, callee);
        }
    }

    @Test
    void streams_a_re_offer_adds_keep_the_calls_interfaces_unless_it_names_others() throws Exception {
        start(4);
        PartyHints none = PartyHints.NONE;
        allocated(await(harness.node.allocate(request("re", Party.CALLER, none, INTERNAL_TO_EXTERNAL))));
        List<StreamPorts> reoffer = allocated(await(harness.node.allocate(request("re", Party.CALLEE, none,
                InterfaceChoice.ANY, 0, 1)))).streams();
        assertEquals(List.of("127.0.0.1", "127.0.0.1"), reoffer.stream().map(StreamPorts::callerAddress).toList());
        assertEquals(List.of("127.0.0.2", "127.0.0.2"), reoffer.stream().map(StreamPorts::calleeAddress).toList());
    }

    @Test
    void a_party_of_the_other_family_than_its_port_or_an_unknown_interface_is_refused_with_the_reason() throws Exception {
        start(4);
        allocated(await(harness.node.allocate(request("fam", Party.CALLER,
                NodeHarness.at(new InetSocketAddress(loopback(11), 4000)), INTERNAL_TO_EXTERNAL))));
        AllocateResult answer = await(harness.node.allocate(request("fam", Party.CALLEE,
                NodeHarness.at(new InetSocketAddress(IPV6_LOOPBACK, 4000)), InterfaceChoice.ANY)));
        assertEquals("relay node node-test cannot carry stream 0 of the callee at ::1: the port facing it is at "
                        + "127.0.0.2 (IPv4), chosen by the offer (ask for IP6 there: address-family or direction)",
                assertInstanceOf(AllocateResult.Rejected.class, answer).reason());

        AllocateResult unknown = await(harness.node.allocate(request("dmz", Party.CALLER, PartyHints.NONE,
                new InterfaceChoice(Optional.of("internal"), Optional.of("dmz"), Optional.empty()))));
        assertEquals("relay node node-test has no media interface 'dmz' (it has internal 127.0.0.1, external "
                + "127.0.0.2, external ::1)", assertInstanceOf(AllocateResult.Rejected.class, unknown).reason());

        AllocateResult v6OnInternal = await(harness.node.allocate(request("v6", Party.CALLER,
                NodeHarness.at(new InetSocketAddress(IPV6_LOOPBACK, 4000)), INTERNAL_TO_EXTERNAL)));
        assertEquals("relay node node-test has no IPv6 media interface named 'internal' (it has internal 127.0.0.1, "
                        + "external 127.0.0.2, external ::1): stream 0 of the caller is at ::1",
                assertInstanceOf(AllocateResult.Rejected.class, v6OnInternal).reason());
        assertEquals(1, harness.node.sessionCount(), "refused offers leave no session");
    }

    @Test
    void each_interface_runs_out_of_its_own_ports_and_gets_them_back() throws Exception {
        start(2);
        int total = harness.node.totalPortPairs();
        assertEquals(6, total);
        // Each of these calls takes one pair on internal and one on external: internal's two pairs are gone after two.
        for (int call = 0; call < 2; call++) {
            allocated(await(harness.node.allocate(request("x" + call, Party.CALLER, PartyHints.NONE,
                    INTERNAL_TO_EXTERNAL))));
        }
        AllocateResult third = await(harness.node.allocate(request("x2", Party.CALLER, PartyHints.NONE,
                INTERNAL_TO_EXTERNAL)));
        assertEquals(new AllocateResult.PortsExhausted(0, 1), third, "internal has none of the one pair it needs");
        assertEquals(new AllocateResult.PortsExhausted(0, 1), await(harness.node.allocate(request("x3", Party.CALLER,
                PartyHints.NONE, new InterfaceChoice(Optional.of("::1"), Optional.of("127.0.0.2"), Optional.empty())))),
                "external's IPv4 address is used up too");
        StreamPorts onIpv6 = allocated(await(harness.node.allocate(request("ext", Party.CALLER, PartyHints.NONE,
                new InterfaceChoice(Optional.of("::1"), Optional.of("::1"), Optional.empty()))))).streams().get(0);
        assertEquals(List.of("::1", "::1"), List.of(onIpv6.callerAddress(), onIpv6.calleeAddress()),
                "the one address with ports left, named by its address, takes both sides");
        for (String s : List.of("x0", "x1", "ext")) {
            await(harness.node.release(s));
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> harness.node.freePortPairs() == total);
        assertTrue(harness.node.sessionCount() == 0);
    }
}
