package org.mediarelay.accounting;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.accounting.cdr.TerminationReason;

/** CDRs for accounting tests, numbered so that their order and identity are easy to check. */
public final class TestCdrs {

    private TestCdrs() {
    }

    /** Record {@code rec-n} of call {@code call-n}, ended n seconds after 2026-11-21 10:00 UTC. */
    public static Cdr cdr(int n) {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        return new Cdr("rec-" + n, "call-" + n, "from", Optional.empty(), "node", "127.0.0.1", t, Optional.empty(),
                t.plusSeconds(n), TerminationReason.REGULAR, List.of());
    }

    /** The record ids {@code rec-from} .. {@code rec-(to-1)}. */
    public static List<String> ids(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("rec-" + i);
        }
        return out;
    }

    /** Records CDRs {@code from} .. {@code to-1} and waits until they are durable. */
    public static void record(Accounting accounting, int from, int to) throws Exception {
        List<Future<Written>> writes = new ArrayList<>();
        for (int i = from; i < to; i++) {
            writes.add(accounting.record(cdr(i)));
        }
        done(Future.all(writes));
        for (Future<Written> w : writes) {
            if (!(w.result() instanceof Written.Durable)) {
                throw new AssertionError("not durable at once: " + w.result());
            }
        }
    }

    public static <T> T done(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
