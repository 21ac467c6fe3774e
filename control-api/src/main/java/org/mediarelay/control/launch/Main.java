package org.mediarelay.control.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.mediarelay.control.config.ConfigException;
import org.mediarelay.control.config.ConfigKey;
import org.mediarelay.control.config.MediarelayConfig;
import org.mediarelay.control.config.Settings;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.node.port.MediaInterface;

/**
 * The command line: {@code start} runs mediarelay in the foreground until SIGTERM or Ctrl-C (or, for a relay node,
 * until it was drained and its last call ended: exit 0); {@code ng} sends one ng request; {@code status},
 * {@code sessions}, {@code top} and {@code drain} ask a running dispatcher's REST API; {@code version}. Exit codes: 0 done, 1 failed, 2 bad usage
 * or configuration, 3 no reply.
 */
public final class Main {

    private static final System.Logger LOG = System.getLogger(Main.class.getName());
    /** How long a clean shutdown may take (closing sessions, writing CDRs, leaving the cluster). */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private Main() {
    }

    public static void main(String[] argv) {
        List<String> args = Arrays.asList(argv);
        String command = args.isEmpty() ? "help" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        Path workDir = Path.of("").toAbsolutePath();
        int code;
        switch (command) {
            case "start":
                code = start(rest, System.getenv(), workDir, System.out, System.err);
                break;
            case "ng":
                code = NgCli.run(rest, System.getenv(), workDir, System.out, System.err);
                break;
            case "cdr":
                code = cdr(rest, System.getenv(), workDir, System.out, System.err);
                break;
            case "status":
            case "sessions":
            case "top":
            case "drain":
                code = ApiCli.run(command, rest, System.getenv(), workDir, System.out, System.err);
                break;
            case "version":
            case "--version":
                System.out.println(version());
                code = 0;
                break;
            case "help":
            case "--help":
            case "-h":
                usage(System.out);
                code = 0;
                break;
            default:
                System.err.println("mediarelay: unknown command '" + command + "'");
                usage(System.err);
                code = 2;
        }
        System.exit(code);
    }

    /** One line saying what this process serves, by role; tests and scripts wait for it. */
    static String readyLine(Mediarelay running, MediarelayConfig config) {
        StringBuilder line = new StringBuilder("mediarelay ready: role " + config.role().token());
        running.ngAddress().ifPresent(a -> {
            String ng = a.host() + ":" + a.port();
            line.append(" ng udp:").append(ng).append(" tcp:").append(ng);
        });
        line.append(" http:").append(config.httpListen().host()).append(':').append(running.httpPort());
        if (config.role().runsRelay()) {
            List<MediaInterface> media = config.mediaInterfaces();
            if (media.size() == 1) {
                line.append(" media ").append(IpLiteral.text(media.get(0).bind())).append(" ports ")
                        .append(media.get(0).ports()).append(" advertised ").append(media.get(0).advertised());
            } else {
                line.append(" media ").append(String.join(",", media.stream().map(String::valueOf).toList()));
            }
            line.append(" node ").append(config.nodeId());
        }
        if (config.role().runsDispatcher()) {
            line.append(" cdr ").append(config.dataDir().resolve("cdr"));
        }
        return line.toString();
    }

    static void usage(PrintStream out) {
        out.println("usage: mediarelay start [--config FILE] [--key=value ...]   run in the foreground");
        out.println("       mediarelay ng [--ng.listen=IP:PORT] COMMAND [key=value ...]   send one ng request");
        out.println("       mediarelay status | sessions | top | drain NODE [--json] [--http.listen=IP:PORT]");
        out.println("                  ask a running dispatcher: nodes and totals, open calls, both live, stop new calls");
        out.println("       mediarelay cdr tail [--from-start] [--data.dir=DIR]   print CDRs as they are written");
        out.println("       mediarelay version");
        out.println("keys, their defaults and environment variables: see README.md, Configuration");
        out.println("exit codes: 0 done, 1 failed or refused, 2 bad usage or configuration, 3 no answer");
    }

    /** {@code mediarelay 0.1.0 (Java 17.0.13)}; the version is the jar's (a build from classes has none). */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return "mediarelay " + (v == null ? "(unpackaged build)" : v) + " (Java " + Runtime.version() + ", "
                + System.getProperty("java.vm.name") + ")";
    }

    /** {@code cdr tail}: follows the CDR files of this configuration's {@code data.dir} until interrupted. */
    static int cdr(List<String> args, Map<String, String> env, Path workDir, PrintStream out, PrintStream err) {
        if (args.isEmpty() || !args.get(0).equals("tail")) {
            err.println("usage: mediarelay cdr tail [--from-start] [--data.dir=DIR]");
            return 2;
        }
        boolean fromStart = args.contains("--from-start");
        List<String> settings = args.subList(1, args.size()).stream().filter(a -> !a.equals("--from-start")).toList();
        try {
            Path dataDir = workDir.resolve(Settings.resolve(settings, env, workDir).get(ConfigKey.DATA_DIR)
                    .orElseThrow().value());
            new CdrTail(dataDir.resolve("cdr"), out).follow(fromStart);
            return 0;
        } catch (ConfigException e) {
            err.println("mediarelay cdr: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("mediarelay cdr: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            return 0;
        }
    }

    /** Runs until the JVM is asked to stop; returns only when start-up fails. */
    static int start(List<String> args, Map<String, String> env, Path workDir, PrintStream out, PrintStream err) {
        MediarelayConfig config;
        try {
            config = MediarelayConfig.from(Settings.resolve(args, env, workDir), workDir, RandomGenerator.getDefault());
        } catch (ConfigException e) {
            err.println("mediarelay: invalid configuration: " + e.getMessage());
            return 2;
        }
        Logging.configure();
        Mediarelay running;
        try {
            running = Mediarelay.start(config, Clock.systemUTC(), RandomGenerator.getDefault())
                    .toCompletableFuture().get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            err.println("mediarelay: cannot start: " + cause.getMessage());
            return 1;
        }
        GcThreadPriority.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.stop().toCompletableFuture().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(Level.ERROR, "shutdown did not complete: " + e);
            } finally {
                stopped.countDown();
            }
        }, "mediarelay-shutdown"));
        running.drained().thenRun(() -> {
            LOG.log(Level.INFO, "node " + config.nodeId() + " drained and without calls: leaving the cluster");
            // Exit from a thread of its own: the shutdown hook needs the event loops this callback may run on.
            new Thread(() -> System.exit(0), "mediarelay-drained").start();
        });
        out.println(readyLine(running, config));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
