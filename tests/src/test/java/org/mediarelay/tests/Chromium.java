package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium, driven over the DevTools protocol (a WebSocket, the JDK's client): open a page, run a
 * script in it, type as a keyboard does. Ended by PID. Fails with what to install when Chromium is missing.
 */
final class Chromium implements AutoCloseable {

    private static final Duration STEP = Duration.ofSeconds(60);

    private final Process process;
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> replies;

    private Chromium(Process process, WebSocket page, Map<Integer, CompletableFuture<JsonObject>> replies) {
        this.process = process;
        this.page = page;
        this.replies = replies;
    }

    static Chromium start(Path profile) throws Exception {
        Path binary = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream().map(Path::of)
                .filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(
                        "Chromium is missing: apt-get install chromium (.ci/run installs it)"));
        Process p = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolveSibling("chromium.log").toFile()).start();
        try {
            // Chromium writes the port it chose (port 0 asked for any) into the profile once it listens.
            Path portFile = profile.resolve("DevToolsActivePort");
            await().atMost(STEP).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(portFile)
                    && !Files.readAllLines(portFile).isEmpty());
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            HttpClient http = HttpClient.newHttpClient();
            String pageSocket = await().atMost(STEP).pollInterval(Duration.ofMillis(200))
                    .until(() -> pageTarget(http, port), s -> s != null);
            Map<Integer, CompletableFuture<JsonObject>> replies = new ConcurrentHashMap<>();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new Listener(replies))
                    .get(STEP.toSeconds(), TimeUnit.SECONDS);
            return new Chromium(p, ws, replies);
        } catch (Exception | AssertionError e) {
            p.destroyForcibly();
            throw e;
        }
    }

    private static String pageTarget(HttpClient http, int port) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .build(), HttpResponse.BodyHandlers.ofString());
        for (Object o : new JsonArray(r.body())) {
            JsonObject t = (JsonObject) o;
            if ("page".equals(t.getString("type"))) {
                return t.getString("webSocketDebuggerUrl");
            }
        }
        return null;
    }

    /** One DevTools command; its result, or an AssertionError with the protocol's error. */
    JsonObject send(String method, JsonObject params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        replies.put(id, reply);
        page.sendText(new JsonObject().put("id", id).put("method", method).put("params", params).encode(), true)
                .get(STEP.toSeconds(), TimeUnit.SECONDS);
        JsonObject r = reply.get(STEP.toSeconds(), TimeUnit.SECONDS);
        if (r.containsKey("error")) {
            throw new AssertionError(method + " failed: " + r.getJsonObject("error").encode());
        }
        return r.getJsonObject("result");
    }

    void open(String url) throws Exception {
        send("Page.navigate", new JsonObject().put("url", url));
    }

    /** Runs a script expression in the page; its value (JSON types), or an AssertionError with the exception. */
    Object eval(String expression) throws Exception {
        JsonObject r = send("Runtime.evaluate", new JsonObject().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (r.containsKey("exceptionDetails")) {
            throw new AssertionError(expression + " threw: " + r.getJsonObject("exceptionDetails").encode());
        }
        return r.getJsonObject("result").getValue("value");
    }

    /** Text typed into the focused element, as a keyboard would. */
    void type(String text) throws Exception {
        send("Input.insertText", new JsonObject().put("text", text));
    }

    @Override
    public void close() throws InterruptedException {
        page.abort();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Collects each (possibly fragmented) DevTools message and completes the command it answers. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final Map<Integer, CompletableFuture<JsonObject>> replies;

        Listener(Map<Integer, CompletableFuture<JsonObject>> replies) {
            this.replies = replies;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonObject message = new JsonObject(partial.toString());
                partial.setLength(0);
                Integer id = message.getInteger("id");
                if (id != null) {
                    CompletableFuture<JsonObject> reply = replies.remove(id);
                    if (reply != null) {
                        reply.complete(message);
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }
}
