package org.mediarelay.control.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Resolves the raw value of every key from, lowest precedence first: the embedded defaults, the YAML file
 * ({@code --config FILE}, else {@code $MEDIARELAY_CONFIG}, else {@code ./mediarelay.yaml} when present; the
 * Debian package's launcher sets {@code MEDIARELAY_CONFIG} to {@code /etc/mediarelay/mediarelay.yaml}), the
 * environment ({@code MEDIARELAY_*}), and
 * {@code --key=value} arguments. Unknown keys in the file or the arguments are errors; unrelated environment variables
 * are ignored.
 */
public final class Settings {

    public static final String DEFAULT_FILE = "mediarelay.yaml";
    /** The environment variable naming the configuration file when no {@code --config} is given. */
    public static final String CONFIG_VARIABLE = "MEDIARELAY_CONFIG";

    private final Map<ConfigKey, Setting> values;

    private Settings(Map<ConfigKey, Setting> values) {
        this.values = values;
    }

    public Optional<Setting> get(ConfigKey key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * @param args        the command's arguments after the command name ({@code --config FILE}, {@code --key=value})
     * @param environment the process environment
     * @param workDir     where {@code mediarelay.yaml} is looked for
     */
    public static Settings resolve(List<String> args, Map<String, String> environment, Path workDir) {
        Map<ConfigKey, Setting> values = new EnumMap<>(ConfigKey.class);
        for (ConfigKey k : ConfigKey.values()) {
            k.defaultValue().ifPresent(v -> values.put(k, new Setting(k, v, "default")));
        }
        Optional<Path> file = configFile(args, Optional.ofNullable(environment.get(CONFIG_VARIABLE)), workDir);
        if (file.isPresent()) {
            readYaml(file.get()).forEach((k, v) -> values.put(k, new Setting(k, v, file.get().toString())));
        }
        for (ConfigKey k : ConfigKey.values()) {
            String v = environment.get(k.environmentVariable());
            if (v != null) {
                values.put(k, new Setting(k, v, "$" + k.environmentVariable()));
            }
        }
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--config")) {
                i++;
                continue;
            }
            if (a.startsWith("--config=")) {
                continue;
            }
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) {
                throw new ConfigException("unexpected argument '" + a + "' (expected --key=value or --config FILE)");
            }
            String name = a.substring(2, eq);
            ConfigKey key = ConfigKey.of(name).orElseThrow(() -> new ConfigException("unknown key '" + name
                    + "' in --" + name + " (keys: " + keyList() + ")"));
            values.put(key, new Setting(key, a.substring(eq + 1), "--" + name));
        }
        return new Settings(values);
    }

    private static Optional<Path> configFile(List<String> args, Optional<String> fromEnvironment, Path workDir) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = null;
            if (a.equals("--config")) {
                if (i + 1 >= args.size()) {
                    throw new ConfigException("--config needs a file name");
                }
                name = args.get(i + 1);
            } else if (a.startsWith("--config=")) {
                name = a.substring("--config=".length());
            }
            if (name != null) {
                return Optional.of(existing(workDir, name, "config file " + name));
            }
        }
        if (fromEnvironment.isPresent() && !fromEnvironment.get().isEmpty()) {
            return Optional.of(existing(workDir, fromEnvironment.get(), "config file " + fromEnvironment.get()
                    + " (from $" + CONFIG_VARIABLE + ")"));
        }
        Path p = workDir.resolve(DEFAULT_FILE);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    private static Path existing(Path workDir, String name, String what) {
        Path p;
        try {
            p = workDir.resolve(name);
        } catch (InvalidPathException e) {
            throw new ConfigException(what + " is not a file name: " + e.getReason());
        }
        if (!Files.isRegularFile(p)) {
            throw new ConfigException(what + " does not exist");
        }
        return p;
    }

    /** Nested maps flatten to dotted keys: {@code ng: {listen: x}} is {@code ng.listen: x}. */
    private static Map<ConfigKey, String> readYaml(Path file) {
        Object doc;
        LoaderOptions options = new LoaderOptions();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            doc = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                    options, new StringsAsWritten()).load(r);
        } catch (IOException | YAMLException e) {
            throw new ConfigException("cannot read " + file + ": " + oneLine(e.getMessage()));
        }
        Map<ConfigKey, String> out = new EnumMap<>(ConfigKey.class);
        if (doc == null) {
            return out;
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new ConfigException(file + " must be a YAML mapping of keys to values");
        }
        flatten("", map, file, out);
        return out;
    }

    /**
     * Reads every plain scalar as the string written, as the environment and the arguments give theirs: YAML 1.1's
     * guesses (SnakeYAML's default) turned {@code 0x1F} into 31, {@code no} into false, {@code 2026-12-07} into a
     * date printed in the JVM's time zone, and threw a bare NumberFormatException at {@code ._}, which its float
     * pattern matches. Only an empty value, {@code ~} and {@code null} still mean "no value" (refused below).
     */
    private static final class StringsAsWritten extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, EMPTY, null);
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, Path file, Map<ConfigKey, String> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = prefix + e.getKey();
            Object v = e.getValue();
            if (v instanceof Map<?, ?> nested) {
                flatten(name + ".", nested, file, out);
                continue;
            }
            ConfigKey key = ConfigKey.of(name).orElseThrow(() -> new ConfigException("unknown key '" + name
                    + "' in " + file + " (keys: " + keyList() + ")"));
            if (v instanceof List<?> list && !list.isEmpty()
                    && list.stream().noneMatch(i -> i == null || i instanceof Map<?, ?> || i instanceof List<?>)) {
                // A YAML list of a comma-separated key (media.interfaces, ng.allow, ...) is its entries joined.
                out.put(key, String.join(",", list.stream().map(String::valueOf).toList()));
                continue;
            }
            if (v instanceof List<?> || v == null) {
                throw new ConfigException(name + " in " + file + " must have one value (or, for a comma-separated key, "
                        + "a list of values)");
            }
            out.put(key, v.toString());
        }
    }

    private static String keyList() {
        StringBuilder b = new StringBuilder();
        for (ConfigKey k : ConfigKey.values()) {
            b.append(b.length() == 0 ? "" : ", ").append(k.key());
        }
        return b.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
