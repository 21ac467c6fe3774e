package org.mediarelay.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.mediarelay.dispatcher.DispatcherHarness.await;
import static org.mediarelay.dispatcher.SignallingTermsTest.sdp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.accounting.cdr.DialogEnding;
import org.mediarelay.accounting.cdr.TerminationReason;
import org.mediarelay.dispatcher.command.DeleteCommand;
import org.mediarelay.dispatcher.command.DeleteOutcome;
import org.mediarelay.dispatcher.command.SdpCommand;

/**
 * Every ending the proxy did not ask for asks the proxy to end the SIP dialog, and the CDR says what became of it; the
 * proxy's own delete asks nothing. The dialog client here stands in for the proxy (KamailioSippTest has the real one).
 */
@ExtendWith(VertxExtension.class)
class DialogEndTest {

    @TempDir
    Path data;

    /** Answers each request with {@code outcome} and notes the call it was asked about. */
    private static final class Proxy implements DialogEnder {
        final List<String> asked = new CopyOnWriteArrayList<>();
        final DialogEnding outcome;

        Proxy(DialogEnding outcome) {
            this.outcome = outcome;
        }

        @Override
        public Future<DialogEnding> end(org.mediarelay.dispatcher.session.CallSession s) {
            asked.add(s.callId());
            return Future.succeededFuture(outcome);
        }
    }

    private static void answered(DispatcherHarness h, String callId) throws Exception {
        h.sdp(SdpCommand.offer(callId, "alice", sdp("127.0.0.1", 4000)));
        h.sdp(SdpCommand.answer(callId, "alice", "bob", sdp("127.0.0.1", 4002)));
    }

    @Test
    void an_operators_forced_end_asks_the_proxy_and_the_cdr_says_it_ended_the_dialog(Vertx vertx) throws Exception {
        Proxy proxy = new Proxy(DialogEnding.ENDED);
        try (DispatcherHarness h = DispatcherHarness.start(vertx, data, proxy)) {
            answered(h, "forced");
            Cdr cdr = assertInstanceOf(DeleteOutcome.Deleted.class,
                    h.delete(new DeleteCommand("forced", "alice", Optional.empty(), false, true))).cdr();
            assertEquals(TerminationReason.FORCED, cdr.reason());
            assertEquals(Optional.of(DialogEnding.ENDED), cdr.dialogEnd());
            assertEquals(List.of("forced"), proxy.asked);
        }
    }

    @Test
    void calls_ended_by_a_drain_deadline_or_a_lost_node_ask_the_proxy_and_say_when_it_refused(Vertx vertx)
            throws Exception {
        Proxy proxy = new Proxy(DialogEnding.FAILED);
        try (DispatcherHarness h = DispatcherHarness.start(vertx, data, proxy)) {
            answered(h, "drained");
            await(h.dispatcher.endCallsOn("n1", TerminationReason.DRAINED));
            answered(h, "lost");
            await(h.dispatcher.reports().onNodeLost("n1"));
            List<Cdr> cdrs = h.cdrsOnDisk();
            assertEquals(List.of(TerminationReason.DRAINED, TerminationReason.RELAY_LOST),
                    cdrs.stream().map(Cdr::reason).toList());
            assertEquals(List.of(Optional.of(DialogEnding.FAILED), Optional.of(DialogEnding.FAILED)),
                    cdrs.stream().map(Cdr::dialogEnd).toList(), "written in the CDR file as dialog_end");
            assertEquals(List.of("drained", "lost"), proxy.asked);
        }
    }

    @Test
    void without_a_dialog_client_the_cdr_says_nobody_was_asked(Vertx vertx) throws Exception {
        try (DispatcherHarness h = DispatcherHarness.start(vertx, data)) {
            answered(h, "nobody");
            Cdr cdr = assertInstanceOf(DeleteOutcome.Deleted.class,
                    h.delete(new DeleteCommand("nobody", "alice", Optional.empty(), false, true))).cdr();
            assertEquals(Optional.of(DialogEnding.NOT_CONFIGURED), cdr.dialogEnd());
        }
    }

    @Test
    void the_proxys_own_delete_and_an_unanswered_call_ask_nothing(Vertx vertx) throws Exception {
        Proxy proxy = new Proxy(DialogEnding.ENDED);
        try (DispatcherHarness h = DispatcherHarness.start(vertx, data, proxy)) {
            answered(h, "regular");
            Cdr regular = assertInstanceOf(DeleteOutcome.Deleted.class,
                    h.delete(new DeleteCommand("regular", "alice", Optional.empty()))).cdr();
            assertEquals(Optional.empty(), regular.dialogEnd());
            h.sdp(SdpCommand.offer("ringing", "alice", sdp("127.0.0.1", 4000)));
            Cdr unanswered = assertInstanceOf(DeleteOutcome.Deleted.class,
                    h.delete(new DeleteCommand("ringing", "alice", Optional.empty(), false, true))).cdr();
            assertEquals(Optional.empty(), unanswered.dialogEnd(), "no dialog yet: nothing to end");
            assertEquals(List.of(), proxy.asked);
        }
    }
}
