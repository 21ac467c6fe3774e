package org.mediarelay.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mediarelay.control.ng.NgClient;

/** An ng client as a proxy is, with the requests end-to-end tests send. */
final class Ng implements AutoCloseable {

    private final NgClient client;

    Ng(InetSocketAddress server) throws IOException {
        this(server, Duration.ofSeconds(2), 3);
    }

    /** Waits {@code timeout} for each of {@code attempts} sends of a request. */
    Ng(InetSocketAddress server, Duration timeout, int attempts) throws IOException {
        client = new NgClient(server, timeout, attempts);
    }

    Map<String, Object> request(String command, String... keyValues) throws IOException {
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("command", command);
        for (int i = 0; i < keyValues.length; i += 2) {
            dict.put(keyValues[i], keyValues[i + 1].getBytes(StandardCharsets.ISO_8859_1));
        }
        return client.request(dict).orElseThrow(() -> new AssertionError("no ng reply to " + command));
    }

    /** The SDP of an ok reply. */
    String sdp(Map<String, Object> reply) {
        assertEquals("ok", text(reply, "result"), () -> "ng error: " + text(reply, "error-reason"));
        return text(reply, "sdp");
    }

    static String text(Map<String, Object> reply, String key) {
        Object v = reply.get(key);
        return v == null ? null : new String((byte[]) v, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        client.close();
    }
}
