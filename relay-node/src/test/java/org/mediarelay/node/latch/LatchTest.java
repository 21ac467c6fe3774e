package org.mediarelay.node.latch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LatchTest {

    private static final InetSocketAddress SDP = new InetSocketAddress("192.0.2.10", 4000);
    private static final InetSocketAddress SDP_OTHER_PORT = new InetSocketAddress("192.0.2.10", 4444);
    private static final InetAddress SIP_SOURCE = address("198.51.100.7");
    private static final InetSocketAddress NAT = new InetSocketAddress(SIP_SOURCE, 61000);
    private static final InetSocketAddress NAT_REBOUND = new InetSocketAddress(SIP_SOURCE, 62000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("203.0.113.66", 5555);
    private static final long SSRC = 0x1234;

    private final Latch latch = new Latch(LatchPolicy.DEFAULT);

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private void signal(InetSocketAddress sdp, long now) {
        latch.signalled(Optional.ofNullable(sdp), Optional.of(SIP_SOURCE), now);
    }

    private Admission rtp(InetSocketAddress from, long now, int seq) {
        return latch.admit(from, now, SSRC, seq, false);
    }

    @Nested
    class Learning {

        @Test
        void nothing_is_learned_before_the_party_has_signalled() {
            assertEquals(Admission.UNKNOWN_SOURCE, rtp(SDP, 0, 1));
            assertNull(latch.destination(0));
        }

        @Test
        void the_exact_sdp_address_confirms_at_once_and_then_every_other_source_is_refused() {
            signal(SDP, 0);
            assertEquals(SDP, latch.destination(0), "before any packet media goes to the SDP address");
            assertEquals(Admission.ACCEPT, rtp(SDP, 10, 1));
            assertEquals(Optional.of(SDP), latch.confirmed());
            assertEquals(Admission.STRICT_SOURCE, rtp(NAT, 20, 2));
            assertEquals(Admission.STRICT_SOURCE, rtp(STRANGER, 30, 3));
            assertEquals(SDP, latch.destination(40));
        }

        @Test
        void a_higher_ranked_source_replaces_a_lower_one_while_the_window_is_open() {
            signal(SDP, 0);
            assertEquals(Admission.ACCEPT, rtp(NAT, 10, 1), "the SIP source address is usable at once");
            assertEquals(Admission.ACCEPT, rtp(SDP_OTHER_PORT, 20, 1), "the SDP address outranks it");
            assertEquals(Admission.LEARNING, rtp(NAT, 30, 2), "and the lower rank cannot come back");
            assertEquals(SDP_OTHER_PORT, latch.destination(40));
            assertEquals(Optional.empty(), latch.confirmed());
            assertEquals(Optional.of(SDP_OTHER_PORT), Optional.ofNullable(latch.destination(3_000)));
            assertEquals(Optional.of(SDP_OTHER_PORT), latch.confirmed(), "the window's end confirms the best source");
        }

        @Test
        void an_unranked_source_is_held_back_in_the_window_and_never_beats_a_ranked_one() {
            signal(SDP, 0);
            assertEquals(Admission.LEARNING, rtp(STRANGER, 10, 1), "an attacker spraying first gets nothing through");
            assertEquals(SDP, latch.destination(20), "and nothing is sent to it");
            assertEquals(Admission.ACCEPT, rtp(NAT, 30, 1));
            assertEquals(Admission.LEARNING, rtp(STRANGER, 40, 2));
            assertEquals(NAT, latch.destination(5_000));
            assertEquals(Admission.STRICT_SOURCE, rtp(STRANGER, 5_010, 3));
        }

        @Test
        void an_unranked_source_alone_in_the_window_sending_one_stream_is_confirmed_when_it_closes() {
            latch.signalled(Optional.of(SDP), Optional.empty(), 0);
            for (int seq = 0; seq < 5; seq++) {
                assertEquals(Admission.LEARNING, rtp(NAT, 10 + seq * 20, seq));
            }
            assertEquals(SDP, latch.destination(2_999));
            assertEquals(Admission.ACCEPT, rtp(NAT, 3_000, 5));
            assertEquals(NAT, latch.destination(3_000));
        }

        @Test
        void a_spray_of_random_streams_is_never_confirmed_and_the_party_stays_at_its_sdp_address() {
            latch.signalled(Optional.of(SDP), Optional.empty(), 0);
            for (int i = 0; i < 50; i++) {
                assertEquals(Admission.LEARNING, latch.admit(STRANGER, 10 + i, 1000 + i * 7919L, i * 31, false));
            }
            assertEquals(SDP, latch.destination(3_000));
            assertEquals(Admission.UNKNOWN_SOURCE, latch.admit(STRANGER, 3_010, 5, 5, false));
            assertEquals(Optional.empty(), latch.confirmed());
        }

        @Test
        void two_unranked_sources_in_one_window_are_both_refused() {
            latch.signalled(Optional.of(SDP), Optional.empty(), 0);
            for (int seq = 0; seq < 10; seq++) {
                rtp(NAT, 10 + seq, seq);
                latch.admit(STRANGER, 10 + seq, 0x6666, seq, false);
            }
            assertEquals(SDP, latch.destination(3_000));
            assertEquals(Optional.empty(), latch.confirmed());
        }

        @Test
        void the_exact_sdp_address_takes_over_from_an_unranked_source_at_any_time() {
            latch.signalled(Optional.of(SDP), Optional.empty(), 0);
            for (int seq = 0; seq < 5; seq++) {
                rtp(NAT, 10 + seq, seq);
            }
            assertEquals(NAT, latch.destination(60_000));
            assertEquals(Admission.ACCEPT, rtp(SDP, 60_010, 1));
            assertEquals(Optional.of(SDP), latch.confirmed());
        }

        @Test
        void after_the_window_a_source_tied_to_the_signalling_still_latches_and_a_stranger_does_not() {
            signal(SDP, 0);
            assertEquals(Admission.UNKNOWN_SOURCE, rtp(STRANGER, 10_000, 1));
            assertEquals(Admission.ACCEPT, rtp(NAT, 10_010, 1));
            assertEquals(Optional.of(NAT), latch.confirmed());
        }
    }

    @Nested
    class Signalling {

        @Test
        void a_re_invite_with_the_same_sdp_keeps_the_confirmed_source() {
            signal(SDP, 0);
            rtp(NAT, 10, 1);
            latch.destination(5_000);
            signal(SDP, 60_000);
            assertEquals(Optional.of(NAT), latch.confirmed());
            assertEquals(Admission.STRICT_SOURCE, rtp(STRANGER, 60_010, 1));
        }

        @Test
        void a_new_sdp_address_keeps_the_old_source_in_use_until_the_new_one_sends() {
            signal(SDP, 0);
            rtp(NAT, 10, 1);
            latch.destination(5_000);
            InetSocketAddress moved = new InetSocketAddress("192.0.2.99", 5000);
            signal(moved, 60_000);
            assertEquals(NAT, latch.destination(60_000));
            assertEquals(Admission.ACCEPT, rtp(NAT, 60_010, 2));
            assertEquals(Admission.LEARNING, rtp(STRANGER, 60_020, 1), "a stranger cannot use the new window");
            assertEquals(Admission.ACCEPT, rtp(moved, 60_030, 1));
            assertEquals(Optional.of(moved), latch.confirmed());
        }

        @Test
        void the_other_partys_signalling_reopens_learning_for_the_exact_address_only() {
            signal(SDP, 0);
            rtp(NAT, 10, 1);
            latch.destination(5_000);
            latch.reopen(30_000);
            assertEquals(Admission.STRICT_SOURCE, rtp(SDP_OTHER_PORT, 30_010, 1));
            assertEquals(Admission.ACCEPT, rtp(SDP, 30_020, 1));
        }
    }

    @Nested
    class Rebinding {

        private void confirmedAtNat() {
            signal(SDP, 0);
            for (int seq = 0; seq < 10; seq++) {
                assertEquals(Admission.ACCEPT, rtp(NAT, 100 + seq * 20, seq));
            }
            assertEquals(NAT, latch.destination(3_000));
            assertEquals(Optional.of(NAT), latch.confirmed(), "the window has closed");
        }

        @Test
        void a_rebound_nat_mapping_takes_over_after_silence_and_five_continuous_packets_of_the_same_stream() {
            confirmedAtNat();
            long t = 5_000;
            for (int seq = 10; seq < 14; seq++) {
                assertEquals(Admission.STRICT_SOURCE, rtp(NAT_REBOUND, t += 20, seq));
            }
            assertEquals(Admission.ACCEPT, rtp(NAT_REBOUND, t += 20, 14));
            assertEquals(NAT_REBOUND, latch.destination(t));
            assertEquals(1, latch.relatches());
            assertEquals(Admission.STRICT_SOURCE, rtp(NAT, t + 20, 15), "the old mapping is now the stranger");
        }

        @Test
        void no_rebinding_while_the_confirmed_source_still_sends() {
            confirmedAtNat();
            long t = 3_000;
            for (int seq = 10; seq < 30; seq++) {
                assertEquals(Admission.ACCEPT, rtp(NAT, t += 20, seq));
                assertEquals(Admission.STRICT_SOURCE, rtp(NAT_REBOUND, t, seq));
            }
            assertEquals(0, latch.relatches());
        }

        @Test
        void a_stranger_cannot_rebind_without_the_streams_ssrc_or_with_a_broken_sequence() {
            confirmedAtNat();
            long t = 5_000;
            for (int i = 0; i < 20; i++) {
                assertEquals(Admission.STRICT_SOURCE, latch.admit(STRANGER, t += 20, 0x6666, i, false), "wrong SSRC");
            }
            for (int i = 0; i < 20; i++) {
                assertEquals(Admission.STRICT_SOURCE, latch.admit(STRANGER, t += 20, SSRC, i * 2, false), "sequence gaps");
            }
            for (int i = 0; i < 20; i++) {
                assertEquals(Admission.STRICT_SOURCE, latch.admit(STRANGER, t += 20, -1, -1, false), "no SSRC at all");
            }
            assertEquals(NAT, latch.destination(t));
        }

        @Test
        void without_strict_source_the_latch_follows_the_newest_source() {
            Latch handover = new Latch(new LatchPolicy(Duration.ofSeconds(3), false, Duration.ofSeconds(2), 5));
            handover.signalled(Optional.of(SDP), Optional.empty(), 0);
            handover.admit(SDP, 10, SSRC, 1, false);
            assertEquals(Admission.ACCEPT, handover.admit(STRANGER, 20, 0x6666, 7, false));
            assertEquals(STRANGER, handover.destination(30));
        }
    }
}
