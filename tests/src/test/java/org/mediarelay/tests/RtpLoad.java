package org.mediarelay.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * RTP for many calls at once, as phones send it: every party of every call sends one 172-byte packet (PCMU) per
 * period (20 ms as phones send it) to where its SDP answer told it, and counts what reaches it. One thread sends, one receives (a
 * selector over every party's socket); parties come and go while it runs. For soak tests: bounded by the parties the
 * test opens and the period it gives.
 */
final class RtpLoad implements AutoCloseable {

    private static final int PACKET = 172;

    /** RTP timestamp units per packet: 8 kHz times the period. */
    private final int samplesPerPacket;

    /** One endpoint of a call: its socket, where it sends, what it sent and received. */
    static final class Party {
        private final DatagramChannel channel;
        private final int ssrc;
        private volatile InetSocketAddress target;
        private volatile boolean sending;
        private int sequence;
        private long timestamp;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong received = new AtomicLong();

        private Party(DatagramChannel channel, int ssrc) {
            this.channel = channel;
            this.ssrc = ssrc;
        }

        int port() {
            return ((InetSocketAddress) localAddress()).getPort();
        }

        private Object localAddress() {
            try {
                return channel.getLocalAddress();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Starts sending to {@code to}, one packet per period. */
        void sendTo(InetSocketAddress to) {
            target = to;
            sending = true;
        }

        /** Stops sending; once it returns, no further packet leaves (a send in progress has finished and counted). */
        void stop() {
            synchronized (this) {
                sending = false;
            }
        }

        long sent() {
            return sent.get();
        }

        long received() {
            return received.get();
        }
    }

    private final Set<Party> parties = ConcurrentHashMap.newKeySet();
    private final Queue<Party> toRegister = new ConcurrentLinkedQueue<>();
    private final Selector selector;
    private final ScheduledExecutorService sender;
    private final Thread receiver;
    private final AtomicLong sendFailures = new AtomicLong();
    private volatile boolean running = true;

    RtpLoad(long periodMillis) throws IOException {
        samplesPerPacket = (int) (8 * periodMillis);
        selector = Selector.open();
        sender = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "rtp-load-send"));
        sender.scheduleAtFixedRate(this::sendAll, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        receiver = new Thread(this::receiveAll, "rtp-load-receive");
        receiver.start();
    }

    /** A new party on a socket of its own on 127.0.0.1. */
    Party open(int ssrc) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        ch.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        ch.bind(new InetSocketAddress("127.0.0.1", 0));
        ch.configureBlocking(false);
        Party p = new Party(ch, ssrc);
        parties.add(p);
        toRegister.add(p);
        selector.wakeup();
        return p;
    }

    /** Stops the party and closes its socket. */
    void close(Party p) throws IOException {
        p.stop();
        parties.remove(p);
        p.channel.close();
        selector.wakeup();
    }

    /** Sends that the kernel refused (its buffer full): a soak test expects none. */
    long sendFailures() {
        return sendFailures.get();
    }

    private void sendAll() {
        ByteBuffer packet = ByteBuffer.allocate(PACKET);
        for (Party p : parties) {
            // Under the party's lock, so that stop() cannot return between the check and the send: a packet sent
            // after a test read sent() would reach a relay that already ended the call.
            synchronized (p) {
                InetSocketAddress to = p.target;
                if (!p.sending || to == null) {
                    continue;
                }
                packet.clear();
                packet.put((byte) 0x80).put((byte) 0).putShort((short) p.sequence++).putInt((int) p.timestamp)
                        .putInt(p.ssrc);
                p.timestamp += samplesPerPacket;
                packet.position(PACKET).flip();
                try {
                    if (p.channel.send(packet, to) == PACKET) {
                        p.sent.incrementAndGet();
                    } else {
                        sendFailures.incrementAndGet();
                    }
                } catch (IOException e) {
                    if (p.channel.isOpen()) {
                        sendFailures.incrementAndGet();
                    }
                }
            }
        }
    }

    private void receiveAll() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        while (running) {
            try {
                for (Party p; (p = toRegister.poll()) != null; ) {
                    try {
                        p.channel.register(selector, SelectionKey.OP_READ, p);
                    } catch (IOException closedMeanwhile) {
                        // the party ended before its first packet
                    }
                }
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Party p = (Party) key.attachment();
                    try {
                        while (true) {
                            buf.clear();
                            if (p.channel.receive(buf) == null) {
                                break;
                            }
                            p.received.incrementAndGet();
                        }
                    } catch (IOException | java.nio.channels.CancelledKeyException closed) {
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                if (running) {
                    throw new IllegalStateException("RTP receiver failed", e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        running = false;
        sender.shutdownNow();
        sender.awaitTermination(5, TimeUnit.SECONDS);
        selector.wakeup();
        receiver.join(5_000);
        for (Party p : parties) {
            p.channel.close();
        }
        selector.close();
    }
}
