package org.mediarelay.accounting.sink.postgres;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.mediarelay.accounting.sink.CdrSink;
import org.mediarelay.accounting.sink.SpooledCdr;

/**
 * CDRs into PostgreSQL: the key columns plus the whole record as JSONB in {@code mediarelay_cdr}, one row per record
 * id (a record delivered again changes nothing), and the view {@code media_sessions(call_id, from_tag, to_tag, info)}
 * that MediaProxy's SQL accounting offered. The schema is created or migrated at start ({@link PostgresSchema}).
 */
public final class PostgresSink implements CdrSink {

    private static final String INSERT = "INSERT INTO mediarelay_cdr (record_id, call_id, from_tag, to_tag, node, "
            + "created, answered, ended, duration_ms, reason, record) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (record_id) DO NOTHING";

    private final Pool pool;

    /** {@code uri}: {@code postgresql://user:password@host:port/database}. */
    public PostgresSink(Vertx vertx, String uri) {
        PgConnectOptions connect = PgConnectOptions.fromUri(uri).setReconnectAttempts(0);
        this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(connect).using(vertx).build();
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Future<Void> start() {
        return PostgresSchema.migrate(pool);
    }

    @Override
    public Future<Void> deliver(List<SpooledCdr> batch) {
        List<Tuple> rows = new ArrayList<>(batch.size());
        for (SpooledCdr c : batch) {
            rows.add(row(c));
        }
        return pool.withTransaction(conn -> conn.preparedQuery(INSERT).executeBatch(rows)).mapEmpty();
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
