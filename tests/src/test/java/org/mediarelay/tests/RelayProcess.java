package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/** {@code ./mediarelay start ...} as a child process: what an operator runs. Ended by PID, never by name. */
final class RelayProcess implements AutoCloseable {

    private static final Pattern NG = Pattern.compile("ng udp:([0-9.]+):(\\d+)");
    private static final Pattern HTTP = Pattern.compile("http:([0-9.]+):(\\d+)");

    /**
     * A test's relay handles a few calls; a bounded heap keeps the tests that start several relays small on a busy
     * machine. LauncherTest checks the launcher's own default.
     */
    static final String TEST_HEAP = "-Xms256m -Xmx512m";

    private final Process process;
    private final Path stderr;
    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());

    private RelayProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    stdout.add(line);
                }
            } catch (IOException e) {
                stdout.add("<stdout read failed: " + e + ">");
            }
        }, "relay-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the launcher from the repository root with this JDK and these arguments after {@code start}. */
    static RelayProcess start(Path root, Path javaHome, Path logDir, List<String> args) throws IOException {
        return start(List.of(), root, javaHome, logDir, args);
    }

    /** The same, behind {@code prefix} (e.g. {@code ip netns exec NS}, which execs the launcher in place). */
    static RelayProcess start(List<String> prefix, Path root, Path javaHome, Path logDir, List<String> args)
            throws IOException {
        return start(prefix, Map.of("JAVA_OPTS", TEST_HEAP), root, javaHome, logDir, args);
    }

    /**
     * The same, with these environment variables (e.g. {@code JAVA_OPTS}, empty for the launcher's own heap). Without
     * them a relay of a test gets {@link #TEST_HEAP}.
     */
    static RelayProcess start(List<String> prefix, Map<String, String> env, Path root, Path javaHome, Path logDir,
                              List<String> args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(root.resolve("mediarelay").toString(), "start"));
        command.addAll(args);
        Path err = Files.createTempFile(logDir, "relay-", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("MEDIARELAY_"));
        pb.environment().putAll(env);
        return new RelayProcess(pb.start(), err);
    }

    /** The arguments the process runs with now (the launcher execs the JVM in its place). */
    List<String> arguments() {
        return process.info().arguments().map(List::of).orElseThrow();
    }

    /** Waits for the ready line; fails with the process's stderr if it exits or takes too long. */
    String awaitReady() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .failFast(() -> assertTrue(process.isAlive() || readyLine().isPresent(),
                        () -> "mediarelay exited: " + stderrText()))
                .until(() -> readyLine().isPresent());
        return readyLine().orElseThrow();
    }

    int ngPort() {
        return port(NG, "ng");
    }

    int httpPort() {
        return port(HTTP, "http");
    }

    private int port(Pattern p, String what) {
        Matcher m = p.matcher(awaitReady());
        if (!m.find()) {
            throw new AssertionError("no " + what + " address in the ready line: " + readyLine());
        }
        return Integer.parseInt(m.group(2));
    }

    /**
     * Waits until the series on this relay's metrics page satisfies {@code wanted}, scraping as Prometheus does (a
     * scrape that times out is retried). On timeout it fails with the last value seen and the end of the relay's log.
     */
    void awaitMetric(String series, DoublePredicate wanted, Duration atMost) {
        AtomicReference<Double> last = new AtomicReference<>();
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(250))
                    .ignoreException(HttpTimeoutException.class).until(() -> {
                        last.set(Scrape.metrics(httpPort()).get(series));
                        return last.get() != null && wanted.test(last.get());
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(series + " was " + last.get() + " after " + atMost.toSeconds() + " s; relay log: "
                    + logTail(6000), e);
        }
    }

    /** The last {@code chars} characters the relay wrote to stderr (its log). */
    String logTail(int chars) {
        String log = stderrText();
        return log.substring(Math.max(0, log.length() - chars));
    }

    /** SIGTERM, as systemd or Ctrl-C would; returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        return waitForExit();
    }

    /** The process id (the launcher execs the JVM in its place: it is the relay's). */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash or {@code kill -9}: no clean shutdown. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    int waitForExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mediarelay did not exit within 60 s; stderr: " + stderrText());
        }
        return process.exitValue();
    }

    List<String> stdoutLines() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    String stderrText() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<String> readyLine() {
        return stdoutLines().stream().filter(l -> l.startsWith("mediarelay ready: ")).findFirst();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
