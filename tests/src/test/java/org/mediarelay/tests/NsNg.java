package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.mediarelay.control.ng.Bencode;

/** An ng client inside a network namespace, as a proxy there is: requests go through an {@link NsUdpProcess}. */
final class NsNg {

    private final NsUdpProcess socket;
    private final String host;
    private final int port;

    NsNg(NsUdpProcess socket, String host, int port) {
        this.socket = socket;
        this.host = host;
        this.port = port;
    }

    /** One request, sent again each second until its reply comes (as a proxy retries); the reply dictionary. */
    @SuppressWarnings("unchecked")
    Map<String, Object> request(Map<String, Object> request) {
        byte[] prefix = (Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 30)) + " ")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] body = Bencode.encode(request);
        byte[] datagram = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, datagram, prefix.length, body.length);
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Optional<NsUdpProcess.Rx> reply = socket.received().stream()
                    .filter(r -> Arrays.equals(r.data(), 0, Math.min(prefix.length, r.data().length), prefix, 0,
                            prefix.length)).findFirst();
            if (reply.isEmpty()) {
                socket.send(host, port, datagram);
            }
            return reply.map(r -> (Map<String, Object>) Bencode.decode(r.data(), prefix.length));
        }, Optional::isPresent).orElseThrow();
    }

    /** The SDP of an {@code ok} reply; an error reply fails the test with its reason. */
    static String sdpOf(Map<String, Object> reply) {
        org.junit.jupiter.api.Assertions.assertEquals("ok", text(reply.get("result")),
                () -> "ng error: " + text(reply.get("error-reason")));
        return text(reply.get("sdp"));
    }

    /** A request of this command for this call from the caller (from-tag {@code caller}), to add keys to. */
    static Map<String, Object> command(String command, String callId) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("command", command);
        r.put("call-id", callId);
        r.put("from-tag", "caller");
        return r;
    }

    /** A phone's SDP: one PCMU audio stream at this address (IPv4 or IPv6) and port. */
    static String audioSdp(String address, int port) {
        String family = address.indexOf(':') >= 0 ? "IP6" : "IP4";
        return "v=0\r\no=- 1 1 IN " + family + " " + address + "\r\ns=-\r\nc=IN " + family + " " + address
                + "\r\nt=0 0\r\nm=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }

    /** The port of an SDP's first audio stream. */
    static int audioPort(String sdp) {
        for (String line : sdp.split("\r\n")) {
            if (line.startsWith("m=audio ")) {
                return Integer.parseInt(line.split(" ")[1]);
            }
        }
        throw new AssertionError("no m=audio in " + sdp);
    }

    /** A value of a reply as text (ng strings are bytes). */
    static String text(Object bytes) {
        return bytes == null ? null : new String((byte[]) bytes, StandardCharsets.ISO_8859_1);
    }
}
