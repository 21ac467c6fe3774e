package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real FreeRADIUS server (Debian's {@code freeradius}) of the test's own: a configuration written from scratch in
 * the test's directory that takes accounting requests from 127.0.0.1 with one shared secret on a free port and writes
 * each to a detail file, with mediarelay's shipped dictionary ({@code docs/radius/dictionary.mediarelay}).
 */
final class FreeRadiusServer implements AutoCloseable {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));

    private final Process process;
    private final Path dir;
    private final int port;

    private FreeRadiusServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static FreeRadiusServer start(Path dir, String secret) throws IOException {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path conf = Files.createDirectories(dir.resolve("raddb"));
        Files.createDirectories(dir.resolve("acct"));
        Files.writeString(conf.resolve("dictionary"),
                "$INCLUDE " + ROOT.resolve("docs/radius/dictionary.mediarelay") + "\n");
        Files.writeString(conf.resolve("radiusd.conf"), """
                prefix = /usr
                exec_prefix = /usr
                sysconfdir = /etc
                localstatedir = DIR
                sbindir = /usr/sbin
                logdir = DIR
                raddbdir = DIR/raddb
                radacctdir = DIR/acct
                name = freeradius
                confdir = ${raddbdir}
                modconfdir = ${confdir}/mods-config
                run_dir = DIR
                db_dir = DIR
                libdir = /usr/lib/freeradius
                pidfile = DIR/radiusd.pid
                max_request_time = 30
                cleanup_delay = 5
                max_requests = 1024
                hostname_lookups = no
                log {
                    destination = files
                    file = DIR/radius.log
                }
                security {
                    allow_core_dumps = no
                    max_attributes = 200
                    reject_delay = 0
                    status_server = no
                }
                thread pool {
                    start_servers = 1
                    max_servers = 2
                    min_spare_servers = 1
                    max_spare_servers = 2
                    max_requests_per_server = 0
                }
                client mediarelay {
                    ipaddr = 127.0.0.1
                    secret = SECRET
                }
                modules {
                    detail {
                        filename = ${radacctdir}/detail
                        permissions = 0600
                        header = "%t"
                        locking = no
                    }
                }
                server default {
                    listen {
                        type = acct
                        ipaddr = 127.0.0.1
                        port = PORT
                    }
                    accounting {
                        detail
                    }
                }
                """.replace("DIR", dir.toString()).replace("SECRET", secret).replace("PORT", String.valueOf(port)));
        Process p = new ProcessBuilder("freeradius", "-f", "-d", conf.toString(), "-l", "stdout")
                .redirectErrorStream(true).redirectOutput(dir.resolve("freeradius.out").toFile()).start();
        FreeRadiusServer server = new FreeRadiusServer(p, dir, port);
        await().atMost(Duration.ofSeconds(30)).until(() -> !p.isAlive() || server.log().contains("Ready to process"));
        if (!p.isAlive()) {
            throw new IOException("freeradius did not start: " + server.log());
        }
        return server;
    }

    int port() {
        return port;
    }

    String log() {
        try {
            String out = Files.exists(dir.resolve("freeradius.out")) ? Files.readString(dir.resolve("freeradius.out")) : "";
            return out + (Files.exists(dir.resolve("radius.log")) ? Files.readString(dir.resolve("radius.log")) : "");
        } catch (IOException e) {
            return "<no log: " + e + ">";
        }
    }

    /** The accounting requests written so far, each as its attributes by name (values as FreeRADIUS prints them). */
    List<Map<String, String>> records() throws IOException {
        Path detail = dir.resolve("acct/detail");
        List<Map<String, String>> out = new ArrayList<>();
        if (!Files.exists(detail)) {
            return out;
        }
        Map<String, String> current = null;
        for (String line : Files.readAllLines(detail)) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith("\t")) {
                current = new LinkedHashMap<>();
                out.add(current);
            } else if (current != null) {
                int eq = line.indexOf(" = ");
                String value = line.substring(eq + 3).trim();
                current.put(line.substring(0, eq).trim(),
                        value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value);
            }
        }
        return out;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
