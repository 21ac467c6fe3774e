package org.mediarelay.accounting.sink.postgres;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * The tables mediarelay keeps in PostgreSQL, created or brought up to date at start. Each step runs once, in order,
 * recorded in {@code mediarelay_schema}; the whole migration holds an advisory lock, so two dispatchers starting
 * together do not race.
 */
final class PostgresSchema {

    /** Arbitrary, fixed: the advisory lock key of mediarelay's migrations. */
    private static final long LOCK = 0x6d6564696172656cL;

    /** Version n is reached by running step n - 1. Append steps; never edit one that shipped. */
    static final List<String> STEPS = List.of("""
            CREATE TABLE mediarelay_cdr (
              record_id   text PRIMARY KEY,
              call_id     text NOT NULL,
              from_tag    text NOT NULL,
              to_tag      text,
              node        text NOT NULL,
              created     timestamptz NOT NULL,
              answered    timestamptz,
              ended       timestamptz NOT NULL,
              duration_ms bigint NOT NULL,
              reason      text NOT NULL,
              record      jsonb NOT NULL,
              inserted    timestamptz NOT NULL DEFAULT now());
            CREATE INDEX mediarelay_cdr_call ON mediarelay_cdr (call_id, from_tag, to_tag);
            CREATE INDEX mediarelay_cdr_ended ON mediarelay_cdr (ended);
            CREATE VIEW media_sessions AS
              SELECT call_id, from_tag, to_tag, record::text AS info FROM mediarelay_cdr;
            """, """
            CREATE OR REPLACE VIEW media_sessions AS
              SELECT call_id, from_tag, to_tag, record::text AS info FROM mediarelay_cdr
              WHERE record->>'record_type' IS DISTINCT FROM 'interim';
            """);

    private PostgresSchema() {
    }

    static Future<Void> migrate(Pool pool) {
        return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(" + LOCK + ")").execute()
                .compose(v -> conn.query("CREATE TABLE IF NOT EXISTS mediarelay_schema (version integer NOT NULL)")
                        .execute())
                .compose(v -> conn.query("SELECT coalesce(max(version), 0) AS v FROM mediarelay_schema").execute())
                .compose(rows -> run(conn, rows.iterator().next().getInteger("v"))));
    }

    private static Future<Void> run(SqlConnection conn, int version) {
        if (version >= STEPS.size()) {
            return Future.succeededFuture();
        }
        return conn.query(STEPS.get(version)).execute()
                .compose(v -> conn.query("INSERT INTO mediarelay_schema (version) VALUES (" + (version + 1) + ")")
                        .execute())
                .compose(v -> run(conn, version + 1));
    }
}
