package org.mediarelay.accounting.sink;

import io.vertx.core.Future;
import java.util.List;

/**
 * Somewhere CDRs go after the journal made them durable: a database, a RADIUS server, a web hook. A {@link SinkRunner}
 * feeds it from the journal in order, from its own cursor, and retries a batch until {@link #deliver} succeeds, so a
 * sink sees a record at least once — and more than once after a failure or a restart: {@link #deliver} must be
 * idempotent on {@link SpooledCdr#recordId()}.
 */
public interface CdrSink {

    /** Names the sink in its cursor file, metrics and logs: {@code postgres}, {@code radius}, {@code webhook}. */
    String name();

    /** Connects, creates or migrates what the sink needs; retried with backoff until it succeeds. */
    Future<Void> start();

    /** Delivers a batch, in journal order; succeeds only when every record of it is safe at the destination. */
    Future<Void> deliver(List<SpooledCdr> batch);

    Future<Void> close();
}
