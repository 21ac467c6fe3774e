package org.mediarelay.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The collected real-world SDPs in {@code src/test/resources/corpus} (see its SOURCES.md), plus the seed vectors. */
public final class Corpus {

    private Corpus() {
    }

    public static String read(String name) {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the collected files. */
    public static List<String> collected() {
        try (Stream<Path> files = Files.list(Path.of(Corpus.class.getResource("/corpus").toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sdp")).sorted().toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every body: the collected corpus and the seed vectors, as (name, body) pairs. */
    public static List<Named> all() {
        List<Named> out = new ArrayList<>();
        collected().forEach(n -> out.add(new Named("corpus/" + n, read(n))));
        Vectors.names().forEach(n -> out.add(new Named("vectors/" + n, Vectors.read(n))));
        return out;
    }

    public record Named(String name, String body) {
        @Override
        public String toString() {
            return name;
        }
    }
}
