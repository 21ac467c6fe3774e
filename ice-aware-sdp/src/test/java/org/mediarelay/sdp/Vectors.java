package org.mediarelay.sdp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The real-client SDP bodies in {@code ../shared/vectors}, read byte for byte (ISO-8859-1: one char per byte). */
public final class Vectors {

    private Vectors() {
    }

    public static Path dir() {
        String root = System.getProperty("mediarelay.root", "..");
        Path dir = Path.of(root).resolve("../shared/vectors").normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("SDP vectors not found at " + dir + " (the repository's ../shared)");
        }
        return dir;
    }

    public static String read(String name) {
        try {
            return Files.readString(dir().resolve(name), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> names() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sdp")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
