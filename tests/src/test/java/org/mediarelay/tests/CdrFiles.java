package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The CDRs a relay wrote to its data directory ({@code cdr/*.jsonl}), as a billing system would read them. */
final class CdrFiles {

    private CdrFiles() {
    }

    static List<JsonObject> read(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("cdr");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<JsonObject> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).toList()) {
                Files.readAllLines(f).stream().filter(l -> !l.isBlank()).map(JsonObject::new).forEach(out::add);
            }
        }
        return out;
    }

    /** The final CDR of {@code callId}, once written. */
    static JsonObject of(Path dataDir, String callId) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> read(dataDir).stream()
                .filter(c -> callId.equals(c.getString("call_id"))).findFirst(), Optional::isPresent).orElseThrow();
    }
}
