package org.mediarelay.control.launch;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mediarelay.control.config.ConfigException;
import org.mediarelay.control.config.ConfigKey;
import org.mediarelay.control.config.HostPort;
import org.mediarelay.control.config.Settings;

/**
 * The operator's commands, through the REST API of the dispatcher this configuration would run
 * ({@code http.listen}, the first of {@code http.tokens}): {@code status} (nodes and totals), {@code sessions} (open
 * calls) and {@code drain NODE [--deadline=SECONDS]} (no new calls on the node; it leaves the cluster once its last
 * call ended, or once the deadline closed the rest with reason {@code drained}).
 * Exit codes: 0 done, 1 refused, 2 bad usage, 3 no answer.
 */
final class ApiCli {

    private ApiCli() {
    }

    static int run(String command, List<String> args, Map<String, String> env, Path workDir, PrintStream out,
                   PrintStream err) {
        List<String> settingArgs = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        String deadline = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--config") && i + 1 < args.size()) {
                settingArgs.add(a);
                settingArgs.add(args.get(++i));
            } else if (a.startsWith("--deadline=")) {
                deadline = a.substring("--deadline=".length());
            } else if (a.startsWith("--")) {
                settingArgs.add(a);
            } else {
                rest.add(a);
            }
        }
        if (command.equals("drain") != (rest.size() == 1) || rest.size() > 1) {
            err.println("usage: mediarelay status | sessions | drain NODE [--deadline=SECONDS]   [--http.listen=IP:PORT]");
            return 2;
        }
        Settings settings;
        try {
            settings = Settings.resolve(settingArgs, env, workDir);
        } catch (ConfigException e) {
            err.println("mediarelay " + command + ": " + e.getMessage());
            return 2;
        }
        HostPort http = HostPort.parse(settings.get(ConfigKey.HTTP_LISTEN).orElseThrow().value());
        String host = http.address().isAnyLocalAddress() ? "127.0.0.1" : http.toString().substring(0,
                http.toString().lastIndexOf(':'));
        String base = "http://" + host + ":" + http.port();
        String token = settings.get(ConfigKey.HTTP_TOKENS).map(s -> s.value().split(",")[0].trim()).orElse(null);
        try {
            switch (command) {
                case "status":
                    JsonObject status = new JsonObject().put("nodes", get(base + "/v1/nodes", token).getJsonArray("nodes"))
                            .put("statistics", get(base + "/v1/statistics", token));
                    out.println(status.encodePrettily());
                    return 0;
                case "sessions":
                    out.println(get(base + "/v1/calls", token).encodePrettily());
                    return 0;
                default:
                    String node = URLEncoder.encode(rest.get(0), StandardCharsets.UTF_8);
                    String query = deadline == null ? "" : "?deadline=" + URLEncoder.encode(deadline, StandardCharsets.UTF_8);
                    out.println(send(HttpRequest.newBuilder(URI.create(base + "/v1/nodes/" + node + "/drain" + query))
                            .POST(HttpRequest.BodyPublishers.noBody()), token).encodePrettily());
                    return 0;
            }
        } catch (Refused e) {
            err.println("mediarelay " + command + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("mediarelay " + command + ": no answer from " + base + " (is a dispatcher running there?): "
                    + e.getMessage());
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        }
    }

    private static JsonObject get(String uri, String token) throws IOException, InterruptedException, Refused {
        return send(HttpRequest.newBuilder(URI.create(uri)).GET(), token);
    }

    private static JsonObject send(HttpRequest.Builder request, String token)
            throws IOException, InterruptedException, Refused {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                .send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonObject body = new JsonObject(r.body());
        if (r.statusCode() >= 300) {
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
