package org.mediarelay.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * A real UDP endpoint for tests: a party of a call, or an attacker. Bound to an ephemeral port on loopback; receives
 * with a bounded wait, so a test never hangs.
 */
public final class UdpPeer implements AutoCloseable {

    /** The longest a receive waits for one packet. */
    public static final int RECEIVE_TIMEOUT_MS = 3000;

    private final DatagramSocket socket;

    public UdpPeer() {
        this(InetAddress.getLoopbackAddress());
    }

    public UdpPeer(InetAddress address) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(address, 0));
            socket.setSoTimeout(RECEIVE_TIMEOUT_MS);
            socket.setReceiveBufferSize(1 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public void send(byte[] payload, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(payload, payload.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next packet, or empty when none arrives within the timeout. */
    public Optional<Received> receive() {
        return receive(RECEIVE_TIMEOUT_MS);
    }

    public Optional<Received> receive(int timeoutMs) {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.setSoTimeout(timeoutMs);
            socket.receive(p);
            return Optional.of(new Received(Arrays.copyOf(buf, p.getLength()), (InetSocketAddress) p.getSocketAddress()));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    /** A received datagram and where it came from. */
    public record Received(byte[] payload, InetSocketAddress from) {
    }

    /**
     * A minimal RTP packet (RFC 3550 §5.1): V=2, payload type 0 (PCMU), the given sequence number and SSRC, and a
     * 160-byte payload (20 ms of G.711) whose first bytes repeat the sequence number for identification.
     *
     * <pre>
     *  0                   1                   2                   3
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
     * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
     * |                           timestamp                           |
     * |           synchronization source (SSRC) identifier            |
     * </pre>
     */
    public static byte[] rtp(int sequence, long ssrc) {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80).put((byte) 0).putShort((short) sequence).putInt(sequence * 160).putInt((int) ssrc);
        while (b.hasRemaining()) {
            b.putInt(b.remaining() >= 4 ? sequence : 0);
        }
        return b.array();
    }

    /** A minimal RTCP receiver report (PT 201) with no report blocks: 8 bytes. */
    public static byte[] rtcp(long ssrc) {
        return ByteBuffer.allocate(8).put((byte) 0x80).put((byte) 201).putShort((short) 1).putInt((int) ssrc).array();
    }

    /** The SSRC of an RTP packet. */
    public static long ssrcOf(byte[] rtp) {
        return ByteBuffer.wrap(rtp, 8, 4).getInt() & 0xFFFFFFFFL;
    }

    /** Every packet that arrives until none has for {@code quietMs}. */
    public java.util.List<Received> drain(int quietMs) {
        java.util.List<Received> all = new java.util.ArrayList<>();
        for (Optional<Received> r = receive(quietMs); r.isPresent(); r = receive(quietMs)) {
            all.add(r.get());
        }
        return all;
    }

    /** The sequence number of a packet made by {@link #rtp(int, long)}. */
    public static int sequenceOf(byte[] rtp) {
        return ((rtp[2] & 0xff) << 8) | (rtp[3] & 0xff);
    }
}
