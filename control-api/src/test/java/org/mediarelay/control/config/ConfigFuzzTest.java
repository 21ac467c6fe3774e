package org.mediarelay.control.config;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Coverage-guided fuzzing (Jazzer) of what an operator writes: a {@code mediarelay.yaml} and {@code --key=value}
 * arguments. Whatever they hold, the settings are read into a configuration or refused with {@link ConfigException}
 * (the one-line message mediarelay exits with, code 2); any other exception is a finding. Bounded in time.
 */
class ConfigFuzzTest {

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("mediarelay-config-fuzz");
            // Deleted at exit in the reverse order of registration: the file each input is written to, then the
            // directory (a directory that still holds the file is not deleted, and one was left per run).
            DIR.toFile().deleteOnExit();
            DIR.resolve("mediarelay.yaml").toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    @DictionaryEntries({"ng.listen: ", "http.listen: ", "media.ports: ", "media.interfaces: ", "media.timeout.no-media: ",
        "cdr.postgres: ", "cdr.radius: ", "cdr.radius.secret: ", "cdr.webhook: ", "dialog.end: ", "ng.allow: ",
        "http.tokens: ", "role: ", "node.id: ", "cluster.name: ", "127.0.0.1:2223", "[::1]:2223", "30000-39999", "10s",
        "kamailio:http://", "postgresql://", "\\x0a", "- ", "{", "[", "--"})
    void any_configuration_file_and_arguments_are_read_or_refused_with_one_clear_message(FuzzedDataProvider data)
            throws IOException {
        List<String> args = new ArrayList<>();
        int n = data.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
            args.add(data.consumeString(60));
        }
        Path file = DIR.resolve("mediarelay.yaml");
        Files.write(file, data.consumeRemainingAsBytes());
        args.add("--config=" + file);
        try {
            Settings s = Settings.resolve(args, Map.of(), DIR);
            MediarelayConfig.from(s, DIR, new SplittableRandom(1));
        } catch (ConfigException refused) {
            if (refused.getMessage() == null || refused.getMessage().isBlank()) {
                throw new IllegalStateException("a refusal without a message", refused);
            }
        }
    }
}
