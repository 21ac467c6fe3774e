package org.mediarelay.control.launch;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mediarelay.control.config.ConfigException;
import org.mediarelay.control.config.ConfigKey;
import org.mediarelay.control.config.HostPort;
import org.mediarelay.control.config.Settings;
import org.mediarelay.node.api.IpLiteral;

/**
 * The operator's commands, through the REST API of the dispatcher this configuration would run
 * ({@code http.listen}, the first of {@code http.tokens}): {@code status} (nodes and totals), {@code sessions} (open
 * calls), {@code top} (both, refreshed every second) and {@code drain NODE [--deadline=SECONDS]} (no new calls on the
 * node; it leaves the cluster once its last call ended, or once the deadline closed the rest with reason
 * {@code drained}). Tables by default, the API's JSON with {@code --json}.
 * Exit codes: 0 done, 1 refused, 2 bad usage, 3 no answer.
 */
final class ApiCli {

    static final String USAGE = "usage: mediarelay status | sessions [--limit=N] | top [--interval=SECONDS] [--count=N] "
            + "| drain NODE [--deadline=SECONDS]   [--json] [--http.listen=IP:PORT] [--config FILE]";

    private final String host;
    private final int port;
    private final String base;
    private final String token;

    private ApiCli(String host, int port, String token) {
        this.host = host;
        this.port = port;
        this.base = "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        this.token = token;
    }

    /** The command's own options, apart from the settings that find the dispatcher. */
    private record Options(boolean json, String deadline, int limit, Duration interval, int count, List<String> rest) {
    }

    static int run(String command, List<String> args, Map<String, String> env, Path workDir, PrintStream out,
                   PrintStream err) {
        List<String> settingArgs = new ArrayList<>();
        Options o;
        try {
            o = options(args, settingArgs);
        } catch (IllegalArgumentException e) {
            err.println("mediarelay " + command + ": " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (command.equals("drain") != (o.rest().size() == 1) || o.rest().size() > 1) {
            err.println(USAGE);
            return 2;
        }
        Settings settings;
        try {
            settings = Settings.resolve(settingArgs, env, workDir);
        } catch (ConfigException e) {
            err.println("mediarelay " + command + ": " + e.getMessage());
            return 2;
        }
        HostPort listen = HostPort.parse(settings.get(ConfigKey.HTTP_LISTEN).orElseThrow().value());
        String host = listen.address().isAnyLocalAddress() ? "127.0.0.1" : IpLiteral.text(listen.address());
        ApiCli cli = new ApiCli(host, listen.port(),
                settings.get(ConfigKey.HTTP_TOKENS).map(s -> s.value().split(",")[0].trim()).orElse(null));
        try {
            switch (command) {
                case "status" -> out.print(o.json() ? cli.statusJson().encodePrettily() + "\n" : cli.statusText());
                case "sessions" -> out.print(o.json() ? cli.get("/v1/calls").encodePrettily() + "\n"
                        : ApiViews.sessions(cli.get("/v1/calls"), Clock.systemUTC().instant(), o.limit()));
                case "top" -> cli.top(o, out);
                default -> {
                    JsonObject r = cli.drain(o.rest().get(0), o.deadline());
                    out.print(o.json() ? r.encodePrettily() + "\n" : r.getString("id") + ": draining, no new calls; "
                            + (r.containsKey("deadline_seconds") ? "calls still up end in " + r.getLong("deadline_seconds")
                            + " s" : "its calls go on") + "; it leaves the cluster once empty\n");
                }
            }
            return 0;
        } catch (Refused e) {
            err.println("mediarelay " + command + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("mediarelay " + command + ": no answer from " + cli.base + " (is a dispatcher running there?): "
                    + e.getMessage());
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        }
    }

    private static Options options(List<String> args, List<String> settingArgs) {
        boolean json = false;
        String deadline = null;
        int limit = 50;
        Duration interval = Duration.ofSeconds(1);
        int count = 0;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--config") && i + 1 < args.size()) {
                settingArgs.add(a);
                settingArgs.add(args.get(++i));
            } else if (a.equals("--json")) {
                json = true;
            } else if (a.startsWith("--deadline=")) {
                deadline = a.substring("--deadline=".length());
            } else if (a.startsWith("--limit=")) {
                limit = number(a, 1, 100_000);
            } else if (a.startsWith("--interval=")) {
                interval = seconds(a);
            } else if (a.startsWith("--count=")) {
                count = number(a, 1, Integer.MAX_VALUE);
            } else if (a.startsWith("--")) {
                settingArgs.add(a);
            } else {
                rest.add(a);
            }
        }
        return new Options(json, deadline, limit, interval, count, rest);
    }

    private static String value(String option) {
        return option.substring(option.indexOf('=') + 1);
    }

    private static Duration seconds(String option) {
        try {
            double s = Double.parseDouble(value(option));
            if (s >= 0.1 && s <= 3600) {
                return Duration.ofMillis(Math.round(1000 * s));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--interval must be a number of seconds from 0.1 to 3600");
    }

    private static int number(String option, int min, int max) {
        try {
            int n = Integer.parseInt(value(option));
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option.substring(0, option.indexOf('=')) + " must be a whole number from "
                + min + " to " + max);
    }

    private JsonObject statusJson() throws IOException, Refused {
        return new JsonObject().put("nodes", get("/v1/nodes").getJsonArray("nodes"))
                .put("statistics", get("/v1/statistics"));
    }

    private String statusText() throws IOException, Refused {
        JsonObject s = statusJson();
        return ApiViews.status(s.getJsonArray("nodes"), s.getJsonObject("statistics"));
    }

    /**
     * Clears the terminal and prints the nodes, the totals and the newest calls, every interval, until interrupted
     * (Ctrl-C) or {@code --count} screens were shown. A dispatcher that stops answering is shown as such, and the
     * view goes on.
     */
    private void top(Options o, PrintStream out) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        for (int shown = 0; o.count() == 0 || shown < o.count(); shown++) {
            if (shown > 0) {
                Thread.sleep(o.interval().toMillis());
            }
            StringBuilder screen = new StringBuilder("\u001b[H\u001b[2J");
            screen.append("mediarelay top · ").append(base).append(" · ")
                    .append(clock.instant().toString(), 0, 19).append(" UTC · every ")
                    .append(o.interval().toMillis() / 1000.0).append(" s · Ctrl-C quits\n\n");
            try {
                screen.append(statusText()).append('\n')
                        .append(ApiViews.sessions(get("/v1/calls"), clock.instant(), o.limit()));
            } catch (IOException | Refused e) {
                screen.append("no answer from ").append(base).append(": ").append(e.getMessage()).append('\n');
            }
            out.print(screen);
            out.flush();
        }
    }

    private JsonObject drain(String node, String deadline) throws IOException, Refused {
        String query = deadline == null ? "" : "?deadline=" + URLEncoder.encode(deadline, StandardCharsets.UTF_8);
        return send("POST", "/v1/nodes/" + URLEncoder.encode(node, StandardCharsets.UTF_8) + "/drain" + query);
    }

    private JsonObject get(String path) throws IOException, Refused {
        return send("GET", path);
    }

    private JsonObject send(String method, String path) throws IOException, Refused {
        PlainHttp.Response r = PlainHttp.send(method, host, port, path, token, 10_000);
        JsonObject body;
        try {
            body = new JsonObject(r.body());
        } catch (DecodeException | ClassCastException e) {
            throw new Refused("HTTP " + r.status() + " without a JSON body (is " + base + " mediarelay's?)");
        }
        if (r.status() >= 300) {
            throw new Refused(body.getString("detail", r.body()));
        }
        return body;
    }

    /** The API answered with a problem. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}
