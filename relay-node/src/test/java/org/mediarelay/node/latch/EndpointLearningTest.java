package org.mediarelay.node.latch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.EndpointLearning;

/**
 * What each endpoint-learning mode does with a source the signalling does not name (a carrier's media gateway, a proxy
 * behind a load balancer): the party's SDP names 192.0.2.10, its SIP came from 198.51.100.7, its media comes from
 * 203.0.113.5.
 */
class EndpointLearningTest {

    private static final InetSocketAddress SDP = new InetSocketAddress("192.0.2.10", 4000);
    private static final InetAddress SIP_SOURCE = address("198.51.100.7");
    private static final InetSocketAddress GATEWAY = new InetSocketAddress("203.0.113.5", 30000);
    private static final InetSocketAddress GATEWAY_RTCP = new InetSocketAddress("203.0.113.5", 30001);
    private static final InetSocketAddress ATTACKER = new InetSocketAddress("203.0.113.66", 5555);
    private static final long SSRC = 0x5151;
    private static final int RUN = LatchPolicy.DEFAULT.rebindPackets();

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Latch signalled(EndpointLearning mode) {
        Latch latch = new Latch(LatchPolicy.DEFAULT.withLearning(mode));
        latch.signalled(Optional.of(SDP), Optional.of(SIP_SOURCE), 0);
        return latch;
    }

    /** {@code count} packets of one stream from {@code from}, 20 ms apart from {@code start}; the last verdict. */
    private static Admission stream(Latch latch, InetSocketAddress from, long start, int count, boolean peerProven) {
        Admission last = null;
        for (int seq = 0; seq < count; seq++) {
            last = latch.admit(from, start + 20L * seq, SSRC, seq, peerProven);
        }
        return last;
    }

    @Nested
    class Heuristic {

        @Test
        void a_source_tied_to_nothing_takes_the_party_after_a_short_run_once_the_other_party_has_proven_itself() {
            Latch latch = signalled(EndpointLearning.HEURISTIC);
            for (int seq = 0; seq < RUN - 1; seq++) {
                assertEquals(Admission.LEARNING, latch.admit(GATEWAY, 10 + 20L * seq, SSRC, seq, true), "packet " + seq);
            }
            assertEquals(Admission.ACCEPT, latch.admit(GATEWAY, 10 + 20L * RUN, SSRC, RUN - 1, true));
            assertEquals(Optional.of(GATEWAY), latch.confirmed());
            assertEquals(GATEWAY, latch.takeNewSource(), "the new source is handed on once, for its RTCP");
            assertNull(latch.takeNewSource());
            assertEquals(Admission.STRICT_SOURCE, stream(latch, ATTACKER, 200, 3 * RUN, true), "then strict source");
        }

        @Test
        void media_that_starts_long_after_the_last_signalling_still_gets_through() {
            Latch latch = signalled(EndpointLearning.HEURISTIC);
            assertEquals(Admission.ACCEPT, stream(latch, GATEWAY, 60_000, RUN, true));
            assertEquals(GATEWAY, latch.destination(60_200));
        }

        @Test
        void no_source_tied_to_nothing_is_taken_while_the_other_party_has_not_proven_itself() {
            Latch latch = signalled(EndpointLearning.HEURISTIC);
            assertEquals(Admission.UNKNOWN_SOURCE, stream(latch, GATEWAY, 4_000, 10 * RUN, false));
            assertEquals(SDP, latch.destination(6_000));
            assertEquals(Admission.ACCEPT, latch.admit(GATEWAY, 6_020, SSRC, 10 * RUN, true), "the run goes on counting");
        }

        @Test
        void a_spray_of_random_packets_never_forms_a_run_even_against_a_proven_call() {
            Latch latch = signalled(EndpointLearning.HEURISTIC);
            for (int i = 0; i < 500; i++) {
                assertEquals(Admission.LEARNING, latch.admit(ATTACKER, 10 + i, 1000 + i * 7919L, (i * 31) & 0xFFFF, true));
            }
            for (int i = 0; i < 500; i++) {
                assertEquals(Admission.UNKNOWN_SOURCE,
                        latch.admit(ATTACKER, 4_000 + i, 1000 + i * 7919L, (i * 31) & 0xFFFF, true));
            }
            assertEquals(Optional.empty(), latch.confirmed());
        }

        @Test
        void the_real_stream_gets_through_a_spray_from_another_address() {
            Latch latch = signalled(EndpointLearning.HEURISTIC);
            long t = 4_000;
            Admission last = null;
            for (int seq = 0; seq < RUN; seq++) {
                for (int i = 0; i < 10; i++) {
                    latch.admit(ATTACKER, t++, 7919L * i + seq, (i * 31 + seq * 7) & 0xFFFF, true);
                }
                last = latch.admit(GATEWAY, t++, SSRC, seq, true);
            }
            assertEquals(Admission.ACCEPT, last);
            assertEquals(Optional.of(GATEWAY), latch.confirmed());
        }

        @Test
        void a_confirmed_source_the_signalling_named_is_never_replaced_by_a_run_from_elsewhere() {
            Latch latch = signalled(EndpointLearning.HEURISTIC);
            assertEquals(Admission.ACCEPT, latch.admit(SDP, 10, 0x1111, 1, true));
            assertEquals(Admission.STRICT_SOURCE, stream(latch, GATEWAY, 20, 10 * RUN, true));
            assertEquals(Admission.STRICT_SOURCE, stream(latch, GATEWAY, 10_000, 10 * RUN, true));
            assertEquals(SDP, latch.destination(20_000));
        }

        @Test
        void packets_without_a_sequence_never_take_a_party() {
            Latch latch = signalled(EndpointLearning.HEURISTIC);
            for (int i = 0; i < 20; i++) {
                latch.admit(GATEWAY, 4_000 + 20L * i, -1, -1, true);
            }
            assertEquals(Optional.empty(), latch.confirmed());
        }

        @Test
        void an_address_vouched_for_by_the_partys_rtp_ranks_like_the_signalling_address() {
            Latch rtcp = signalled(EndpointLearning.HEURISTIC);
            assertEquals(Admission.UNKNOWN_SOURCE, rtcp.admit(GATEWAY_RTCP, 4_000, 0x77, -1, true));
            rtcp.vouch(GATEWAY_RTCP.getAddress());
            assertEquals(Admission.ACCEPT, rtcp.admit(GATEWAY_RTCP, 4_020, 0x77, -1, true));
            assertEquals(Optional.of(GATEWAY_RTCP), rtcp.confirmed());
        }
    }

    @Nested
    class Delayed {

        @Test
        void a_source_tied_to_nothing_is_only_taken_at_the_end_of_a_window_it_had_alone() {
            Latch latch = signalled(EndpointLearning.DELAYED);
            assertEquals(Admission.LEARNING, stream(latch, GATEWAY, 10, 2 * RUN, true));
            assertEquals(Admission.ACCEPT, latch.admit(GATEWAY, 3_000, SSRC, 2 * RUN, true));
        }

        @Test
        void after_the_window_it_is_never_taken() {
            Latch latch = signalled(EndpointLearning.DELAYED);
            assertEquals(Admission.UNKNOWN_SOURCE, stream(latch, GATEWAY, 4_000, 10 * RUN, true));
            assertEquals(Optional.empty(), latch.confirmed());
        }
    }

    @Nested
    class Off {

        @Test
        void a_source_tied_to_nothing_is_never_taken_even_alone_in_the_window() {
            Latch latch = signalled(EndpointLearning.OFF);
            assertEquals(Admission.UNKNOWN_SOURCE, stream(latch, GATEWAY, 10, 10 * RUN, true));
            assertEquals(Admission.UNKNOWN_SOURCE, latch.admit(GATEWAY, 3_500, SSRC, 10 * RUN, true));
            assertEquals(SDP, latch.destination(3_500));
        }

        @Test
        void the_sip_source_address_still_latches_as_behind_a_nat() {
            Latch latch = signalled(EndpointLearning.OFF);
            InetSocketAddress natted = new InetSocketAddress(SIP_SOURCE, 61000);
            assertEquals(Admission.ACCEPT, latch.admit(natted, 10, SSRC, 1, false));
            assertEquals(natted, latch.destination(4_000));
        }
    }

    @Nested
    class Immediate {

        @Test
        void is_unsafe_as_documented_the_newest_source_takes_the_party_while_learning_is_open() {
            Latch latch = signalled(EndpointLearning.IMMEDIATE);
            assertEquals(Admission.ACCEPT, latch.admit(SDP, 10, SSRC, 1, false));
            assertEquals(Admission.ACCEPT, latch.admit(ATTACKER, 20, 0x6666, 9, false));
            assertEquals(ATTACKER, latch.destination(30), "an attacker took the stream over (RTP Bleed)");
            assertEquals(Admission.ACCEPT, latch.admit(SDP, 40, SSRC, 2, false), "until the exact SDP address sends again");
        }
    }

    @Test
    void a_call_may_change_the_mode_of_its_latches() {
        Latch latch = signalled(EndpointLearning.HEURISTIC);
        latch.learning(EndpointLearning.OFF);
        assertEquals(Admission.UNKNOWN_SOURCE, stream(latch, GATEWAY, 4_000, 10 * RUN, true));
    }
}
