package org.mediarelay.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A UDP socket in a network namespace, driven over its standard streams: what a test needs of a party that lives in
 * a namespace the test JVM is not in. Run as {@code ip netns exec NS java -cp ... NsUdp ADDRESS PORT}; it prints
 * {@code bound PORT}, then one line per datagram it receives: {@code rx HOST PORT NANOS HEX} (NANOS: the monotonic
 * clock, which every process on the host shares). Commands, one per line:
 * <ul>
 *   <li>{@code send HOST PORT HEX}: one datagram;</li>
 *   <li>{@code rtp HOST PORT SSRC COUNT INTERVAL_MS}: an RTP stream (PCMU, 160-byte payloads, sequence from 0),
 *   on its own thread; prints {@code sent-first NANOS} as it starts;</li>
 *   <li>{@code quit}.</li>
 * </ul>
 * Bounded: it exits after ten minutes whatever happens.
 */
public final class NsUdp {

    private static final HexFormat HEX = HexFormat.of();

    private NsUdp() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(args[0]),
                Integer.parseInt(args[1])));
        Thread receiver = new Thread(() -> receive(socket, out), "rx");
        receiver.setDaemon(true);
        receiver.start();
        Thread deadline = new Thread(() -> {
            LockSupport.parkNanos(TimeUnit.MINUTES.toNanos(10));
            System.exit(2);
        }, "deadline");
        deadline.setDaemon(true);
        deadline.start();
        out.println("bound " + socket.getLocalPort());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
            String[] w = line.trim().split(" ");
            InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(w[1]), Integer.parseInt(w[2]));
            if (w[0].equals("send")) {
                byte[] data = HEX.parseHex(w[3]);
                socket.send(new DatagramPacket(data, data.length, to));
            } else if (w[0].equals("rtp")) {
                long ssrc = Long.parseLong(w[3]);
                int count = Integer.parseInt(w[4]);
                long interval = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(w[5]));
                Thread sender = new Thread(() -> stream(socket, to, ssrc, count, interval, out), "rtp");
                sender.setDaemon(true);
                sender.start();
            }
        }
        socket.close();
    }

    private static void stream(DatagramSocket socket, InetSocketAddress to, long ssrc, int count, long interval,
                               PrintStream out) {
        long start = System.nanoTime();
        out.println("sent-first " + start);
        for (int seq = 0; seq < count; seq++) {
            byte[] p = new byte[12 + 160];
            p[0] = (byte) 0x80;
            p[2] = (byte) (seq >> 8);
            p[3] = (byte) seq;
            int ts = seq * 160;
            p[4] = (byte) (ts >> 24);
            p[5] = (byte) (ts >> 16);
            p[6] = (byte) (ts >> 8);
            p[7] = (byte) ts;
            p[8] = (byte) (ssrc >> 24);
            p[9] = (byte) (ssrc >> 16);
            p[10] = (byte) (ssrc >> 8);
            p[11] = (byte) ssrc;
            try {
                socket.send(new DatagramPacket(p, p.length, to));
            } catch (IOException e) {
                out.println("error " + e.getMessage().replace(' ', '_'));
                return;
            }
            LockSupport.parkNanos(start + (seq + 1) * interval - System.nanoTime());
        }
    }

    private static void receive(DatagramSocket socket, PrintStream out) {
        byte[] buf = new byte[65535];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                out.println("error " + e.getMessage().replace(' ', '_'));
                return;
            }
            long now = System.nanoTime();
            out.println("rx " + p.getAddress().getHostAddress() + " " + p.getPort() + " " + now + " "
                    + HEX.formatHex(p.getData(), p.getOffset(), p.getLength()));
        }
    }
}
