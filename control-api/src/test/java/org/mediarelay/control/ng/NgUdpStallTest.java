package org.mediarelay.control.ng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that arrive while the process cannot read (a collection, a safepoint held up by the disk, a core taken by
 * another process) wait in the socket's kernel buffer: a second's worth of requests at 1000 new calls/s is not
 * dropped. The stall is real: the one event loop of this Vert.x, which the ng socket reads on, is kept busy.
 */
class NgUdpStallTest {

    /** About a second of requests at 1000 calls/s (offer, answer, delete), each the size of a small offer. */
    private static final int BURST = 2000;
    private static final int REQUEST_BYTES = 1000;

    @TempDir
    Path data;

    private Vertx vertx;
    private NgFixture fixture;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        fixture = NgFixture.start(vertx, data);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.stop();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void a_burst_that_arrives_while_the_process_is_held_up_is_answered_whole() throws Exception {
        // Read by lines: Files.readString trusts the size procfs reports and returns the first byte only.
        long rmemMax = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/net/core/rmem_max")).get(0).trim());
        assertTrue(rmemMax >= NgUdpVerticle.RECEIVE_BUFFER_BYTES, "net.core.rmem_max is " + rmemMax
                + ": the ng socket cannot get the buffer it asks for (docs/operations.md, Kernel settings; .ci/run "
                + "raises it)");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        vertx.getOrCreateContext().runOnContext(v -> {
            held.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(held.await(30, TimeUnit.SECONDS), "the event loop was never held");
        try (DatagramSocket client = new DatagramSocket(0)) {
            client.setReceiveBufferSize(NgUdpVerticle.RECEIVE_BUFFER_BYTES);
            String pad = "x".repeat(REQUEST_BYTES - 40);
            for (int i = 0; i < BURST; i++) {
                byte[] request = ("c" + i + " d7:command4:ping3:pad" + pad.length() + ":" + pad + "e")
                        .getBytes(StandardCharsets.US_ASCII);
                client.send(new DatagramPacket(request, request.length, fixture.udp));
            }
            release.countDown();
            Set<String> answered = new HashSet<>();
            client.setSoTimeout(30_000);
            DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
            try {
                while (answered.size() < BURST) {
                    client.receive(reply);
                    String text = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
                    if (text.contains("4:pong")) {
                        answered.add(text.substring(0, text.indexOf(' ')));
                    }
                }
            } catch (SocketTimeoutException e) {
                // counted below
            }
            assertEquals(BURST, answered.size(), "requests answered of those sent while the loop was held");
        } finally {
            release.countDown();
        }
    }
}
