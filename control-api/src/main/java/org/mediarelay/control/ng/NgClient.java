package org.mediarelay.control.ng;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A blocking ng client over UDP, as a proxy would be: a fresh cookie per request, retransmission of the same bytes
 * after a timeout, replies matched by cookie. For the CLI and tests; not thread-safe.
 */
public final class NgClient implements AutoCloseable {

    private final InetSocketAddress server;
    private final Duration timeout;
    private final int attempts;
    private final DatagramSocket socket;
    private final String cookiePrefix = Integer.toHexString(ThreadLocalRandom.current().nextInt());
    private long sequence;

    public NgClient(InetSocketAddress server, Duration timeout, int attempts) throws IOException {
        this.server = server;
        this.timeout = timeout;
        this.attempts = attempts;
        this.socket = new DatagramSocket(new InetSocketAddress(server.getAddress().isLoopbackAddress()
                ? server.getAddress() : null, 0));
    }

    /** Sends the request and returns the reply dictionary, or empty when no reply came after every attempt. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> request(Map<String, Object> dict) throws IOException {
        byte[] cookie = (cookiePrefix + "_" + (++sequence)).getBytes(StandardCharsets.US_ASCII);
        byte[] message = NgFrame.frame(cookie, Bencode.encode(dict));
        byte[] buf = new byte[65536];
        for (int attempt = 0; attempt < attempts; attempt++) {
            socket.send(new DatagramPacket(message, message.length, server));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                byte[] data = Arrays.copyOf(p.getData(), p.getLength());
                Optional<byte[]> got = NgFrame.cookie(data);
                if (got.isPresent() && Arrays.equals(got.get(), cookie)) {
                    return Optional.of((Map<String, Object>) Bencode.decode(data, cookie.length + 1));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        socket.close();
    }
}
