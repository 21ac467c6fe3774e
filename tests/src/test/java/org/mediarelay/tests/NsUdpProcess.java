package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The test's side of an {@link NsUdp} started in a namespace: commands in, received datagrams out. */
final class NsUdpProcess implements AutoCloseable {

    /** A datagram the socket received, at {@code nanos} of the host's monotonic clock. */
    record Rx(String host, int port, long nanos, byte[] data) {
        /** The SSRC, when the datagram is long enough to be RTP; else -1. */
        long ssrc() {
            return data.length < 12 ? -1 : ((data[8] & 0xFFL) << 24) | ((data[9] & 0xFF) << 16)
                    | ((data[10] & 0xFF) << 8) | (data[11] & 0xFF);
        }
    }

    private final Process process;
    private final PrintStream commands;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    private NsUdpProcess(Process process) {
        this.process = process;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.US_ASCII);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.US_ASCII))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("error " + e);
            }
        }, "ns-udp-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** A socket at {@code address} (port 0: any) in {@code ns}, with this JVM's java. */
    static NsUdpProcess start(NetNamespace ns, String address, int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString());
        String classes;
        try {
            classes = Path.of(NsUdp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Process p = new ProcessBuilder(ns.exec(List.of(java, "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp", classes,
                NsUdp.class.getName(), address, String.valueOf(port)))).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        NsUdpProcess udp = new NsUdpProcess(p);
        udp.port();
        return udp;
    }

    int port() {
        String bound = await().atMost(Duration.ofSeconds(30)).until(() -> find("bound "), Optional::isPresent)
                .orElseThrow();
        return Integer.parseInt(bound.substring("bound ".length()));
    }

    void send(String host, int port, byte[] data) {
        commands.println("send " + host + " " + port + " " + HexFormat.of().formatHex(data));
    }

    /** Starts an RTP stream; returns when it has, with the monotonic time of its first packet. */
    long rtp(String host, int port, long ssrc, int count, int intervalMs) {
        int before = count("sent-first ");
        commands.println("rtp " + host + " " + port + " " + ssrc + " " + count + " " + intervalMs);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("sent-first ") > before);
        List<String> starts = matching("sent-first ");
        return Long.parseLong(starts.get(starts.size() - 1).substring("sent-first ".length()));
    }

    List<Rx> received() {
        List<Rx> out = new ArrayList<>();
        for (String line : matching("rx ")) {
            String[] w = line.split(" ");
            out.add(new Rx(w[1], Integer.parseInt(w[2]), Long.parseLong(w[3]),
                    w.length > 4 ? HexFormat.of().parseHex(w[4]) : new byte[0]));
        }
        return out;
    }

    private int count(String prefix) {
        return matching(prefix).size();
    }

    private List<String> matching(String prefix) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.startsWith(prefix)).toList();
        }
    }

    private Optional<String> find(String prefix) {
        if (!process.isAlive() && matching(prefix).isEmpty()) {
            throw new AssertionError("ns-udp exited: " + lines);
        }
        return matching(prefix).stream().findFirst();
    }

    @Override
    public void close() {
        commands.println("quit");
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
