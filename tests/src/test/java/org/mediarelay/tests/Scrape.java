package org.mediarelay.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** What end-to-end tests read back from a running mediarelay: its metrics page and its CDR files. */
final class Scrape {

    private Scrape() {
    }

    /**
     * One client for every scrape, as Prometheus keeps one connection per target: a client per scrape would leave a
     * connection open on the relay for each (the JDK's pool keeps them), which a test counting the relay's open files
     * would see as a leak.
     */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * GET /metrics on this HTTP port, as series (name and labels) to value. Within 10 s, as Prometheus's default scrape
     * timeout, for the whole exchange (the request's own timeout ends at the response's headers): a scrape that takes
     * longer fails ({@link HttpTimeoutException}) instead of using up the whole wait of the test that polls it.
     */
    static Map<String, Double> metrics(int httpPort) throws Exception {
        HttpResponse<String> r;
        try {
            r = CLIENT.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new HttpTimeoutException("no whole /metrics page within 10 s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        Map<String, Double> out = new HashMap<>();
        for (String line : r.body().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                int space = line.lastIndexOf(' ');
                out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return out;
    }

    /** Every CDR in the CDR files of this directory (none when it does not exist yet). */
    static List<JsonObject> cdrs(Path dir) throws Exception {
        List<JsonObject> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                Files.readAllLines(f).stream().filter(l -> !l.isBlank()).map(JsonObject::new).forEach(out::add);
            }
        }
        return out;
    }
}
