package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (the Debian {@code postgresql} package's binaries) of the test's own: a fresh cluster in a
 * directory of its own, on a free loopback port, trusting local connections. Run as the {@code postgres} user when
 * the tests run as root (the server refuses root). Stopped and started again at will, for outages.
 */
final class PostgresServer implements AutoCloseable {

    /** The newest installed major version's binaries (Debian installs each under /usr/lib/postgresql/N). */
    private static final Path BIN = newestBin();

    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServer(Path dir, int port, boolean asPostgresUser) {
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    private static Path newestBin() {
        Path base = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(base)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL under " + base
                            + " (.ci/run installs the postgresql package)"));
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL under " + base + " (.ci/run installs the postgresql "
                    + "package): " + e);
        }
    }

    static PostgresServer start() throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        // Not under the test's @TempDir: the postgres user must be able to reach it.
        Path dir = Files.createTempDirectory("mediarelay-pg-");
        if (root) {
            run(List.of("chown", "postgres:postgres", dir.toString()), false);
        }
        PostgresServer server = new PostgresServer(dir, freePort(), root);
        server.pg(List.of(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                "--auth=trust", "--encoding=UTF8", "--no-sync"));
        server.startServer();
        return server;
    }

    String url() {
        return "postgresql://postgres@127.0.0.1:" + port + "/postgres";
    }

    int port() {
        return port;
    }

    void startServer() throws IOException, InterruptedException {
        pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
    }

    /** Stops at once (fast shutdown: connections are cut, as when the database host goes away). */
    void stopServer() throws IOException, InterruptedException {
        pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w",
                "stop"));
    }

    /** Runs SQL with psql; returns the rows, columns separated by '|'. */
    List<String> query(String sql) throws IOException, InterruptedException {
        String out = run(List.of("psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", "-d",
                "postgres", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql), false);
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    /** Waits until the server takes queries. */
    void awaitUp() {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> query("SELECT 1").equals(List.of("1")));
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        run(command, asPostgresUser);
    }

    private static String run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed: " + out);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "<no server log: " + e + ">";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stopServer();
        } catch (IOException alreadyStopped) {
            // stopped by the test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
