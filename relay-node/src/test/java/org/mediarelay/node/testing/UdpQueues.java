package org.mediarelay.node.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** This host's IPv4 UDP sockets as the kernel lists them ({@code /proc/net/udp}): which ports are bound, what waits. */
public final class UdpQueues {

    private UdpQueues() {
    }

    /** Bytes queued in the socket bound to {@code port}, not read yet (its {@code rx_queue}). */
    public static long bytesWaiting(int port) throws IOException {
        String local = String.format(":%04X", port);
        for (String[] f : sockets()) {
            if (f[1].endsWith(local)) {
                return Long.parseLong(f[4].substring(f[4].indexOf(':') + 1), 16);
            }
        }
        throw new AssertionError("no UDP socket on port " + port + " in /proc/net/udp");
    }

    /** The ports from {@code min} to {@code max} that a socket is bound to. */
    public static Set<Integer> boundPorts(int min, int max) throws IOException {
        Set<Integer> bound = new TreeSet<>();
        for (String[] f : sockets()) {
            int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
            if (port >= min && port <= max) {
                bound.add(port);
            }
        }
        return bound;
    }

    private static Iterable<String[]> sockets() throws IOException {
        return Files.readAllLines(Path.of("/proc/net/udp")).stream().skip(1).map(l -> l.trim().split("\\s+"))
                .filter(f -> f.length > 4)::iterator;
    }
}
