package org.mediarelay.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.mediarelay.dispatcher.SignallingTermsTest.sdp;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.dispatcher.command.DeleteCommand;
import org.mediarelay.dispatcher.command.DeleteOutcome;
import org.mediarelay.dispatcher.command.SdpCommand;
import org.mediarelay.dispatcher.signalling.Annotation;
import org.mediarelay.dispatcher.signalling.SipContext;
import org.mediarelay.sdp.SdpParser;

/** The CDR's answer time and roles, as billing reads them (docs/cdr.md, Answer time and roles). */
@ExtendWith(VertxExtension.class)
class BillingTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path data;

    private DispatcherHarness h;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        h = DispatcherHarness.start(vertx, data);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private static SipContext code(int code) {
        return new SipContext(Optional.of(code), Optional.of(true));
    }

    private SdpCommand answer(String callId, int port, SipContext sip) {
        return SdpCommand.answer(callId, "alice", "bob", sdp("127.0.0.1", port)).withSip(sip);
    }

    private Cdr end(String callId, String fromTag) throws Exception {
        return assertInstanceOf(DeleteOutcome.Deleted.class,
                h.delete(new DeleteCommand(callId, fromTag, Optional.empty()))).cdr();
    }

    @Nested
    class AnswerTime {

        @Test
        void early_media_in_a_183_does_not_start_talk_time_the_200_does() throws Exception {
            h.sdp(SdpCommand.offer("b1", "alice", sdp("127.0.0.1", 4000)));
            h.clock.advance(Duration.ofSeconds(3));
            h.sdp(answer("b1", 4002, code(183)));
            h.clock.advance(Duration.ofSeconds(1));
            h.sdp(answer("b1", 4002, code(200)));
            h.clock.advance(Duration.ofSeconds(1));
            Cdr cdr = end("b1", "alice");
            assertEquals(Optional.of(T0.plusSeconds(4)), cdr.answered());
            assertEquals(Duration.ofSeconds(1), Duration.between(cdr.answered().get(), cdr.ended()), "talk time");
        }

        @Test
        void without_response_codes_the_last_answer_before_the_next_offer_is_the_calls_answer() throws Exception {
            h.sdp(SdpCommand.offer("b2", "alice", sdp("127.0.0.1", 4000)));
            h.clock.advance(Duration.ofSeconds(3));
            h.sdp(answer("b2", 4002, SipContext.NONE)); // the 183
            h.clock.advance(Duration.ofSeconds(1));
            h.sdp(answer("b2", 4002, SipContext.NONE)); // the 200
            h.clock.advance(Duration.ofSeconds(10));
            h.sdp(SdpCommand.offer("b2", "alice", sdp("127.0.0.1", 4004))); // a re-INVITE: the call was answered
            h.clock.advance(Duration.ofMillis(100));
            h.sdp(answer("b2", 4006, SipContext.NONE));
            h.clock.advance(Duration.ofSeconds(1));
            assertEquals(Optional.of(T0.plusSeconds(4)), end("b2", "alice").answered());
        }

        @Test
        void a_200_settles_the_answer_time_and_a_later_answer_does_not_move_it() throws Exception {
            h.sdp(SdpCommand.offer("b3", "alice", sdp("127.0.0.1", 4000)));
            h.clock.advance(Duration.ofSeconds(2));
            h.sdp(answer("b3", 4002, code(200)));
            h.clock.advance(Duration.ofSeconds(2));
            h.sdp(answer("b3", 4002, SipContext.NONE)); // a retransmitted 200 the proxy passed on again
            assertEquals(Optional.of(T0.plusSeconds(2)), end("b3", "alice").answered());
        }

        @Test
        void a_call_that_only_had_early_media_was_never_answered() throws Exception {
            h.sdp(SdpCommand.offer("b4", "alice", sdp("127.0.0.1", 4000)));
            h.clock.advance(Duration.ofSeconds(2));
            h.sdp(answer("b4", 4002, code(183)));
            h.clock.advance(Duration.ofSeconds(20));
            assertEquals(Optional.empty(), end("b4", "alice").answered());
        }
    }

    @Nested
    class Roles {

        @Test
        void a_late_offer_from_the_callee_keeps_the_dialogs_caller_as_the_records_caller() throws Exception {
            // INVITE without SDP from alice; bob's 200 OK carries the offer, alice's ACK the answer. The proxy sends
            // both with bob's tag as from-tag (the sender of the offer), alice's as to-tag.
            String toAlice = h.sdp(new SdpCommand(SdpCommand.Kind.OFFER, "late", "bob", Optional.of("alice"),
                    sdp("127.0.0.1", 4010), Optional.empty(), Optional.empty(),
                    org.mediarelay.dispatcher.command.SdpOptions.DEFAULT, new Annotation(Optional.of("bob's leg"),
                    Optional.empty()), Optional.empty(), Optional.empty(), SipContext.NONE));
            h.clock.advance(Duration.ofMillis(50));
            String toBob = h.sdp(SdpCommand.answer("late", "bob", "alice", sdp("127.0.0.1", 4012)));
            h.clock.advance(Duration.ofSeconds(5));
            Cdr cdr = end("late", "bob");
            assertEquals("alice", cdr.fromTag(), "the dialog's caller");
            assertEquals(Optional.of("bob"), cdr.toTag());
            int facingAlice = SdpParser.parse(toAlice).media().get(0).mediaLine().port();
            int facingBob = SdpParser.parse(toBob).media().get(0).mediaLine().port();
            assertEquals(facingAlice, cdr.streams().get(0).caller().relayRtpPort());
            assertEquals(facingBob, cdr.streams().get(0).callee().relayRtpPort());
            assertEquals(Map.of("callee", "bob's leg"), cdr.notes().labels());
            assertEquals(Optional.of(T0.plusMillis(50)), cdr.answered(), "the ACK's answer, right after the 200 OK");
        }

        @Test
        void an_early_offer_keeps_the_offerer_as_the_caller() throws Exception {
            h.sdp(SdpCommand.offer("early", "alice", sdp("127.0.0.1", 4000)));
            h.sdp(SdpCommand.answer("early", "alice", "bob", sdp("127.0.0.1", 4002)));
            Cdr cdr = end("early", "alice");
            assertEquals("alice", cdr.fromTag());
            assertEquals(Optional.of("bob"), cdr.toTag());
        }
    }
}
