package org.mediarelay.control.ng;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.control.DispatcherFixture;
import org.mediarelay.control.config.HostPort;

/**
 * ng's UDP and TCP listeners share a port number: when TCP finds the number taken, a port the system picked is given
 * up for another, a port the operator named fails the start, and the UDP socket never stays behind.
 */
@ExtendWith(VertxExtension.class)
class NgListenersTest {

    private static final InetAddress LO = InetAddress.getLoopbackAddress();

    @TempDir
    Path data;

    private NgFixture fixture;
    private ServerSocket tcpSquatter;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        fixture = NgFixture.start(vertx, data);
        tcpSquatter = new ServerSocket(0, 1, LO);
    }

    @AfterEach
    void stop() throws Exception {
        tcpSquatter.close();
        fixture.stop();
    }

    private int taken() {
        return tcpSquatter.getLocalPort();
    }

    private HostPort loopback(int port) {
        return HostPort.parse("127.0.0.1:" + port);
    }

    /**
     * The UDP port becomes free again: nothing of a failed try stays bound. (Java's NIO closes a socket registered with
     * a selector only at the selector's next wake-up, just after the close has completed: hence the wait.)
     */
    private void assertUdpFree(int port) {
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LO, port))) {
                return probe.getLocalPort() == port;
            }
        });
    }

    @Test
    void when_tcp_finds_the_picked_number_taken_both_move_to_another_port_that_answers(Vertx vertx) throws Exception {
        NgListeners ng = DispatcherFixture.await(NgListeners.deploy(vertx, loopback(0), fixture.service,
                fixture.access, IntStream.of(taken(), 0).iterator()));

        int port = ng.localAddress().port();
        assertNotEquals(taken(), port);
        assertUdpFree(taken());
        try (NgClient udp = new NgClient(new InetSocketAddress(LO, port), Duration.ofSeconds(2), 1);
             Socket tcp = new Socket(LO, port)) {
            Map<String, Object> reply = udp.request(Map.of("command", "ping")).orElseThrow();
            assertEquals("pong", new String((byte[]) reply.get("result"), StandardCharsets.ISO_8859_1));
            assertEquals(port, tcp.getPort());
        }
    }

    @Test
    void a_named_port_whose_tcp_is_taken_fails_once_with_the_tcp_key_and_leaves_udp_free(Vertx vertx)
            throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> DispatcherFixture.await(
                NgListeners.deploy(vertx, loopback(taken()), fixture.service, fixture.access)));

        assertEquals("ng.listen (TCP) 127.0.0.1:" + taken() + ": Address already in use", e.getCause().getMessage());
        assertUdpFree(taken());
    }

    @Test
    void when_every_try_finds_tcp_taken_the_last_failure_is_reported(Vertx vertx) throws Exception {
        try (ServerSocket alsoTaken = new ServerSocket(0, 1, LO)) {
            int last = alsoTaken.getLocalPort();
            ExecutionException e = assertThrows(ExecutionException.class, () -> DispatcherFixture.await(
                    NgListeners.deploy(vertx, loopback(0), fixture.service, fixture.access,
                            IntStream.of(taken(), last).iterator())));

            assertEquals("ng.listen (TCP) 127.0.0.1:" + last + ": Address already in use", e.getCause().getMessage());
            assertUdpFree(taken());
            assertUdpFree(last);
        }
    }
}
