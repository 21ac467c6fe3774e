package org.mediarelay.accounting.sink.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mediarelay.accounting.cdr.CdrJson;
import org.mediarelay.accounting.TestCdrs;
import org.mediarelay.accounting.sink.SpooledCdr;

/**
 * A database that accepts connections and never answers (a server stuck, a host half gone): a real TCP server that
 * takes the connection and says nothing. The sink must fail the start and the delivery within its bound, so that the
 * sink is reported down and retried, instead of waiting forever. A real PostgreSQL is in tests/PostgresCdrTest.
 */
class PostgresSinkTimeoutTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private ServerSocket silent;

    @AfterEach
    void close() throws Exception {
        silent.close();
        for (Socket s : held) {
            s.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private int silentServer() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(silent.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "silent-postgres");
        acceptor.setDaemon(true);
        acceptor.start();
        return silent.getLocalPort();
    }

    private static Throwable failure(Future<?> f) throws Exception {
        try {
            f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("still waiting after 30 s: the sink would never report the database down");
        }
        throw new AssertionError("succeeded against a database that never answers");
    }

    @Test
    void a_database_that_never_answers_fails_the_start_and_each_delivery_within_the_bound_and_is_tried_again()
            throws Exception {
        int port = silentServer();
        PostgresSink sink = new PostgresSink(vertx, "postgresql://mediarelay:secret@127.0.0.1:" + port + "/cdr",
                Duration.ofSeconds(2));
        Throwable start = failure(sink.start());
        assertTrue(start instanceof TimeoutException, start.toString());
        assertEquals("PostgreSQL did not complete the schema check within 2000 ms", start.getMessage());

        SpooledCdr cdr = SpooledCdr.parse(CdrJson.encode(TestCdrs.cdr(1)).encode());
        Throwable delivery = failure(sink.deliver(List.of(cdr)));
        assertEquals("PostgreSQL did not complete the delivery of 1 CDRs within 2000 ms", delivery.getMessage());
        assertTrue(held.size() >= 2, "each try on a fresh connection (the stuck pool was replaced): " + held.size());
        sink.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
