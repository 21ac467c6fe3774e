package org.mediarelay.control.launch;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mediarelay.control.config.ConfigException;
import org.mediarelay.control.config.ConfigKey;
import org.mediarelay.control.config.HostPort;
import org.mediarelay.control.config.Settings;
import org.mediarelay.control.ng.NgClient;

/**
 * {@code mediarelay ng COMMAND [key=value ...]}: sends one ng request to the ng address this configuration would
 * listen on (or {@code --ng.listen=...}) and prints the reply as JSON. {@code key=@FILE} reads the value from a file,
 * byte for byte; list keys take comma-separated values; {@code --print=sdp} prints only the reply's SDP.
 */
final class NgCli {

    private static final Set<String> LIST_KEYS = Set.of("flags", "replace", "supports", "received-from", "rtcp-mux");

    private NgCli() {
    }

    static int run(List<String> args, Map<String, String> env, Path workDir, PrintStream out, PrintStream err) {
        List<String> settingArgs = new ArrayList<>();
        List<String> request = new ArrayList<>();
        boolean printSdp = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--print=sdp")) {
                printSdp = true;
            } else if (a.equals("--config") && i + 1 < args.size()) {
                settingArgs.add(a);
                settingArgs.add(args.get(++i));
            } else if (a.startsWith("--")) {
                settingArgs.add(a);
            } else {
                request.add(a);
            }
        }
        if (request.isEmpty()) {
            err.println("usage: mediarelay ng [--ng.listen=IP:PORT] [--print=sdp] COMMAND [key=value|key=@file ...]");
            return 2;
        }
        try {
            Settings settings = Settings.resolve(settingArgs, env, workDir);
            HostPort ng = HostPort.parse(settings.get(ConfigKey.NG_LISTEN).orElseThrow().value());
            Map<String, Object> dict = new LinkedHashMap<>();
            dict.put("command", request.get(0));
            for (String kv : request.subList(1, request.size())) {
                int eq = kv.indexOf('=');
                if (eq < 1) {
                    err.println("mediarelay ng: expected key=value, got '" + kv + "'");
                    return 2;
                }
                dict.put(kv.substring(0, eq), value(kv.substring(0, eq), kv.substring(eq + 1), workDir));
            }
            InetAddress host = ng.address().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : ng.address();
            try (NgClient client = new NgClient(new InetSocketAddress(host, ng.port()), Duration.ofSeconds(1), 3)) {
                Optional<Map<String, Object>> reply = client.request(dict);
                if (reply.isEmpty()) {
                    err.println("mediarelay ng: no reply from " + ng + " (is mediarelay running?)");
                    return 3;
                }
                Object sdp = reply.get().get("sdp");
                if (printSdp && sdp instanceof byte[] b) {
                    out.write(b);
                    out.flush();
                } else {
                    out.println(toJson(reply.get()).encodePrettily());
                }
                Object result = reply.get().get("result");
                return result instanceof byte[] r && new String(r, StandardCharsets.US_ASCII).equals("error") ? 1 : 0;
            }
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("mediarelay ng: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("mediarelay ng: " + e.getMessage());
            return 3;
        }
    }

    private static Object value(String key, String text, Path workDir) throws IOException {
        if (text.startsWith("@")) {
            return Files.readAllBytes(workDir.resolve(text.substring(1)));
        }
        if (LIST_KEYS.contains(key)) {
            List<Object> list = new ArrayList<>();
            for (String s : text.split(",")) {
                list.add(s.getBytes(StandardCharsets.UTF_8));
            }
            return list;
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Byte strings shown as text (ISO-8859-1, so an SDP prints as it is on the wire). */
    private static Object jsonValue(Object v) {
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        if (v instanceof List<?> list) {
            JsonArray a = new JsonArray();
            list.forEach(x -> a.add(jsonValue(x)));
            return a;
        }
        if (v instanceof Map<?, ?> map) {
            JsonObject o = new JsonObject();
            map.forEach((k, x) -> o.put((String) k, jsonValue(x)));
            return o;
        }
        return v;
    }

    private static JsonObject toJson(Map<String, Object> reply) {
        return (JsonObject) jsonValue(reply);
    }
}
