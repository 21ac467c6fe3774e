package org.mediarelay.accounting.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The names of the CDR files and their order. A day's first file is {@code cdr-2026-11-21.jsonl}; when a size limit
 * rotates it, the next ones are {@code cdr-2026-11-21.1.jsonl}, {@code cdr-2026-11-21.2.jsonl}, ... Files are written
 * strictly in this order, which is why readers (the sinks' cursors, {@code cdr tail}) can follow them.
 */
public final class CdrFiles {

    private static final Pattern NAME = Pattern.compile("cdr-(\\d{4}-\\d{2}-\\d{2})(?:\\.(\\d{1,9}))?\\.jsonl");

    /** One CDR file: its day and its part within the day (0 for the first). */
    public record Name(LocalDate day, int part) implements Comparable<Name> {

        public String fileName() {
            return part == 0 ? "cdr-" + day + ".jsonl" : "cdr-" + day + "." + part + ".jsonl";
        }

        public Name next() {
            return new Name(day, part + 1);
        }

        @Override
        public int compareTo(Name o) {
            int c = day.compareTo(o.day);
            return c != 0 ? c : Integer.compare(part, o.part);
        }
    }

    private CdrFiles() {
    }

    public static Optional<Name> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Name(LocalDate.parse(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The CDR files in {@code dir}, oldest first; none when the directory does not exist. */
    public static List<Name> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> parse(p.getFileName().toString())).flatMap(Optional::stream)
                    .sorted(Comparator.naturalOrder()).toList();
        }
    }

    public static Optional<Name> newest(Path dir) throws IOException {
        List<Name> all = list(dir);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}
