package org.mediarelay.control.ng;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.node.port.PortRange;

/**
 * Not a test: writes the replies of the relay as it is into the corpus's sequences, as a first draft of what each
 * must expect ({@code mvn test -pl control-api -Dtest=NgCorpusRecorder -Dngcorpus.record=src/test/resources/ng-corpus
 * -Dngcorpus.only=name}). Every drafted line must be read against the RFCs and the reference before it is committed:
 * the corpus states what is right, not what the code happens to do.
 */
@ExtendWith(VertxExtension.class)
@EnabledIfSystemProperty(named = "ngcorpus.record", matches = ".+")
class NgCorpusRecorder {

    private static final Pattern NUMBER = Pattern.compile("(?<![0-9A-Za-z.])(\\d{4,5})(?![0-9])");

    @TempDir
    Path data;

    @Test
    void record(Vertx vertx) throws Exception {
        Path dir = Path.of(System.getProperty("ngcorpus.record"));
        String only = System.getProperty("ngcorpus.only", "");
        NgFixture v4 = NgFixture.start(vertx, data.resolve("v4"), InetAddress.getLoopbackAddress(), "127.0.0.1",
                "corpus-v4");
        NgFixture v6 = NgFixture.start(vertx, data.resolve("v6"), InetAddress.getByName("::1"), "::1", "corpus-v6");
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".seq")).sorted().toList()) {
                if (only.isEmpty() || file.getFileName().toString().startsWith(only)) {
                    record(file, v4, v6);
                }
            }
        } finally {
            v4.stop();
            v6.stop();
        }
    }

    private void record(Path file, NgFixture v4, NgFixture v6) throws Exception {
        NgSequence seq = NgSequence.read(file);
        NgFixture f = seq.ipv6Relay() ? v6 : v4;
        String relay = seq.ipv6Relay() ? "::1" : "127.0.0.1";
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>();
        Map<Integer, String> names = new HashMap<>();
        int step = -1;
        boolean skipping = false;
        try (NgClient client = new NgClient(f.udp, Duration.ofSeconds(5), 2)) {
            List<List<String>> recorded = new ArrayList<>();
            for (NgSequence.Step s : seq.steps()) {
                Map<String, Object> reply = client.request(NgCorpusTest.encoded(s.request())).orElseThrow();
                List<String> r = new ArrayList<>();
                String result = NgCorpusTest.text(reply, "result");
                if (result.equals("error")) {
                    r.add("-- error " + NgCorpusTest.text(reply, "error-reason"));
                } else {
                    if (!result.equals("ok") || s.command().equals("delete")) {
                        r.add("-- result " + result);
                    }
                    NgCorpusTest.maybe(reply, "sdp").ifPresent(sdp -> {
                        String mode = (sdp.contains("\r\n") ? "" : " lf") + (sdp.endsWith("\n") ? "" : " nofinal");
                        r.add("-- expect" + mode);
                        r.addAll(template(String.valueOf(s.request().get("sdp")), sdp, relay, f.core.ports, names));
                    });
                    NgCorpusTest.maybe(reply, "warning").ifPresent(w -> r.add("-- warning " + w));
                }
                recorded.add(r);
            }
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.startsWith("## ")) {
                    if (step >= 0) {
                        out.addAll(recorded.get(step));
                    }
                    step++;
                    skipping = false;
                } else if (l.startsWith("-- expect") || l.startsWith("-- warning") || l.startsWith("-- error")
                        || l.startsWith("-- result")) {
                    skipping = true;
                    continue;
                } else if (l.startsWith("-- ") || l.startsWith("# ")) {
                    skipping = false;
                }
                if (!skipping) {
                    out.add(l);
                }
            }
            if (step >= 0) {
                out.addAll(recorded.get(step));
            }
        }
        Files.write(file, out, StandardCharsets.ISO_8859_1);
    }

    /** The reply with the relay's address and ports as placeholders, on the lines the relay wrote. */
    private static List<String> template(String input, String output, String relay, PortRange range,
                                         Map<Integer, String> names) {
        List<String> in = List.of(input.split("\r?\n", -1));
        List<String> out = new ArrayList<>();
        String[] lines = output.split("\r?\n", -1);
        int count = output.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            String l = lines[i];
            if (in.contains(l)) {
                out.add(l);
                continue;
            }
            l = l.replace(relay, "{relay}");
            Matcher m = NUMBER.matcher(l);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                int port = Integer.parseInt(m.group(1));
                String replacement = m.group(1);
                if (port >= range.min() && port <= range.max()) {
                    if (names.containsKey(port)) {
                        replacement = "{" + names.get(port) + "}";
                    } else if (names.containsKey(port - 1)) {
                        replacement = "{" + names.get(port - 1) + "+1}";
                    } else {
                        String name = String.valueOf((char) ('A' + names.size() % 26)).repeat(names.size() / 26 + 1);
                        names.put(port, name);
                        replacement = "{" + name + "}";
                    }
                }
                m.appendReplacement(b, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(b);
            out.add(b.toString());
        }
        return out;
    }
}
