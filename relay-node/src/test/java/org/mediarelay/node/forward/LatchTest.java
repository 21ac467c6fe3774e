package org.mediarelay.node.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LatchTest {

    private static final InetSocketAddress SDP = new InetSocketAddress("192.0.2.10", 4000);
    private static final InetSocketAddress NAT = new InetSocketAddress("198.51.100.7", 61000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("203.0.113.66", 5555);

    @Test
    void before_any_packet_media_goes_to_the_sdp_address() {
        Latch l = new Latch();
        assertNull(l.destination());
        l.hint(Optional.of(SDP));
        assertEquals(SDP, l.destination());
        assertEquals(Optional.empty(), l.latched());
    }

    @Test
    void a_natted_party_is_learned_from_its_first_packet_and_strangers_are_then_refused() {
        Latch l = new Latch();
        l.hint(Optional.of(SDP));
        assertTrue(l.admit(NAT));
        assertEquals(NAT, l.destination());
        assertFalse(l.admit(STRANGER));
        assertEquals(NAT, l.destination());
    }

    @Test
    void the_exact_sdp_address_wins_over_an_earlier_unconfirmed_source_and_then_holds() {
        Latch l = new Latch();
        l.hint(Optional.of(SDP));
        assertTrue(l.admit(STRANGER));
        assertTrue(l.admit(SDP));
        assertEquals(SDP, l.destination());
        assertFalse(l.admit(STRANGER));
    }

    @Test
    void a_new_sdp_address_from_signalling_opens_learning_again() {
        Latch l = new Latch();
        l.hint(Optional.of(SDP));
        assertTrue(l.admit(SDP));
        InetSocketAddress moved = new InetSocketAddress("192.0.2.11", 4002);
        l.hint(Optional.of(moved));
        assertEquals(moved, l.destination());
        assertTrue(l.admit(NAT));
        assertEquals(NAT, l.destination());
    }

    @Test
    void repeating_the_same_hint_keeps_the_latch() {
        Latch l = new Latch();
        l.hint(Optional.of(SDP));
        assertTrue(l.admit(NAT));
        l.hint(Optional.of(SDP));
        assertEquals(Optional.of(NAT), l.latched());
    }
}
