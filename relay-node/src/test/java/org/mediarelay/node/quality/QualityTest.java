package org.mediarelay.node.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityTest {

    private static final long MS = 1_000_000;

    @Test
    void packets_arriving_on_time_have_no_loss_and_no_jitter() {
        RtpReception r = new RtpReception();
        for (int i = 0; i < 100; i++) {
            r.packet(7, 1000 + i, 160L * i, 20 * MS * i, 8000);
        }
        assertEquals(100, r.expected());
        assertEquals(0, r.lost());
        assertEquals(0.0, r.jitterMillis(), 1e-9);
    }

    @Test
    void sequence_gaps_are_lost_packets_across_the_16_bit_wrap() {
        RtpReception r = new RtpReception();
        int seq = 65530;
        for (int i = 0; i < 20; i++, seq = (seq + 1) & 0xFFFF) {
            if (i % 5 != 4) {
                r.packet(7, seq, 160L * i, 20 * MS * i, 8000);
            }
        }
        assertEquals(19, r.expected(), "the 20th packet (a loss) is beyond the highest received");
        assertEquals(16, r.received());
        assertEquals(3, r.lost());
    }

    @Test
    void jitter_follows_rfc_3550_for_arrivals_alternately_10_ms_early_and_late() {
        RtpReception r = new RtpReception();
        for (int i = 0; i < 2000; i++) {
            long offset = (i % 2 == 0 ? 10 : -10) * MS;
            r.packet(7, i, 160L * i, 20 * MS * i + offset + 100 * MS, 8000);
        }
        // Every transit difference is 20 ms; the estimator converges to it.
        assertEquals(20.0, r.jitterMillis(), 0.2);
    }

    @Test
    void another_ssrc_and_a_one_off_jump_do_not_disturb_the_figures() {
        RtpReception r = new RtpReception();
        for (int i = 0; i < 10; i++) {
            r.packet(7, i, 160L * i, 20 * MS * i, 8000);
            r.packet(8, 40000 + i, 0, 20 * MS * i, 8000);
        }
        r.packet(7, 30000, 0, 0, 8000);
        r.packet(7, 10, 1600, 200 * MS, 8000);
        assertEquals(11, r.expected());
        assertEquals(0, r.lost());
        assertEquals(7, r.ssrc());
    }

    @Test
    void mos_is_about_4_4_for_a_clean_call_and_falls_with_loss_and_jitter() {
        double clean = Mos.estimate(0, 0);
        assertEquals(4.4, clean, 0.05);
        double lossy = Mos.estimate(0.05, 0);
        double jittery = Mos.estimate(0, 150);
        assertEquals(3.9, lossy, 0.05, "5 % loss: R = 93.2 - 15.8 - 0.5");
        assertTrue(jittery < clean, "150 ms jitter: " + jittery);
        assertEquals(1.0, Mos.fromR(-5));
        assertEquals(4.5, Mos.fromR(120));
    }

    @Test
    void clock_rates_come_from_the_sdp_over_the_static_table() {
        ClockRates rates = new ClockRates(Map.of(111, 48000, 8, 16000));
        assertEquals(48000, rates.of(111));
        assertEquals(16000, rates.of(8), "the SDP wins");
        assertEquals(8000, rates.of(0));
        assertEquals(90000, rates.of(34));
        assertEquals(0, rates.of(96), "a dynamic type the SDP did not map");
    }
}
