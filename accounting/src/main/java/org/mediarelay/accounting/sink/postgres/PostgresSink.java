package org.mediarelay.accounting.sink.postgres;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.mediarelay.accounting.sink.CdrSink;
import org.mediarelay.accounting.sink.SpooledCdr;

/**
 * CDRs into PostgreSQL: the key columns plus the whole record as JSONB in {@code mediarelay_cdr}, one row per record
 * id (a record delivered again changes nothing), and the view {@code media_sessions(call_id, from_tag, to_tag, info)}
 * that MediaProxy's SQL accounting offered. The schema is created or migrated at start ({@link PostgresSchema}).
 *
 * <p>A database that stops answering (a host gone without closing its connections, a network that drops packets, a
 * server stuck in recovery) fails a start or a delivery after {@link #DEFAULT_TIMEOUT} instead of holding it forever,
 * so that the sink reports it, backs off and retries; the pool is then replaced, since its connections may be the
 * stuck part. A batch whose commit was under way when the time ran out is delivered again, which the record id makes
 * harmless.
 */
public final class PostgresSink implements CdrSink {

    private static final String INSERT = "INSERT INTO mediarelay_cdr (record_id, call_id, from_tag, to_tag, node, "
            + "created, answered, ended, duration_ms, reason, record) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (record_id) DO NOTHING";

    /** How long a start (schema migration) or a delivery may take before it counts as failed. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private final Vertx vertx;
    private final PgConnectOptions connect;
    private final Duration timeout;
    /** Replaced when a start or delivery timed out; read and replaced on the sink verticle's context. */
    private volatile Pool pool;

    /** {@code uri}: {@code postgresql://user:password@host:port/database}. */
    public PostgresSink(Vertx vertx, String uri) {
        this(vertx, uri, DEFAULT_TIMEOUT);
    }

    PostgresSink(Vertx vertx, String uri, Duration timeout) {
        this.vertx = vertx;
        this.timeout = timeout;
        this.connect = PgConnectOptions.fromUri(uri).setReconnectAttempts(0);
        this.pool = newPool();
    }

    /** The pool's own wait for a connection (30 s) stays longer than the bound, which then decides. */
    private Pool newPool() {
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(connect).using(vertx).build();
    }

    /** {@code work} on the pool, failed after the timeout; a timed-out pool is closed and replaced. */
    private <T> Future<T> bounded(String what, Function<Pool, Future<T>> work) {
        Pool used = pool;
        return work.apply(used).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).recover(e -> {
            // Future.timeout fails with a TimeoutException; the database's own errors are other exceptions.
            if (e instanceof TimeoutException) {
                if (pool == used) {
                    pool = newPool();
                    used.close();
                }
                return Future.failedFuture(new TimeoutException("PostgreSQL did not complete the " + what
                        + " within " + timeout.toMillis() + " ms"));
            }
            return Future.failedFuture(e);
        });
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Future<Void> start() {
        return bounded("schema check", PostgresSchema::migrate);
    }

    @Override
    public Future<Void> deliver(List<SpooledCdr> batch) {
        List<Tuple> rows = new ArrayList<>(batch.size());
        for (SpooledCdr c : batch) {
            rows.add(row(c));
        }
        return bounded("delivery of " + rows.size() + " CDRs",
                p -> p.withTransaction(conn -> conn.preparedQuery(INSERT).executeBatch(rows)).mapEmpty());
    }

    private static Tuple row(SpooledCdr c) {
        JsonObject r = c.record();
        return Tuple.tuple()
                .addString(c.recordId())
                .addString(r.getString("call_id", ""))
                .addString(r.getString("from_tag", ""))
                .addString(r.getString("to_tag"))
                .addString(r.getString("node", ""))
                .addOffsetDateTime(time(r.getString("created")))
                .addOffsetDateTime(time(r.getString("answered")))
                .addOffsetDateTime(time(r.getString("ended")))
                .addLong(r.getLong("duration_ms", 0L))
                .addString(r.getString("reason", ""))
                .addValue(r);
    }

    private static OffsetDateTime time(String iso) {
        return iso == null ? null : Instant.parse(iso).atOffset(ZoneOffset.UTC);
    }

    @Override
    public Future<Void> close() {
        return pool.close();
    }
}
