package org.mediarelay.control.ng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real offer/answer/delete sequences (phones, browsers, PBXs, forking proxies, B2BUAs; {@code ng-corpus/*.seq}, each
 * with its provenance) sent as a proxy sends them, over UDP, to a real relay: each reply is checked line by line
 * against what the sequence expects, the relay's address and ports where they must be and every other byte as sent.
 */
@ExtendWith(VertxExtension.class)
class NgCorpusTest {

    static final String CORPUS = "ng-corpus";

    @TempDir
    Path data;

    private NgFixture v4;
    private NgFixture v6;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        v4 = NgFixture.start(vertx, data.resolve("v4"), InetAddress.getLoopbackAddress(), "127.0.0.1",
                "corpus-v4");
        v6 = NgFixture.start(vertx, data.resolve("v6"), InetAddress.getByName("::1"), "::1", "corpus-v6");
    }

    @AfterEach
    void stop() throws Exception {
        v4.stop();
        v6.stop();
    }

    static List<Path> files() throws IOException, URISyntaxException {
        Path dir = Path.of(NgCorpusTest.class.getClassLoader().getResource(CORPUS).toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seq")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> every_sequence_gets_the_replies_it_expects() throws Exception {
        List<Path> files = files();
        assertTrue(files.size() >= 60, "the corpus has " + files.size() + " sequences");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    private void run(Path file) throws Exception {
        NgSequence seq = NgSequence.read(file);
        NgFixture f = seq.ipv6Relay() ? v6 : v4;
        String relay = seq.ipv6Relay() ? "::1" : "127.0.0.1";
        Map<String, Integer> ports = new HashMap<>();
        try (NgClient client = new NgClient(f.udp, Duration.ofSeconds(5), 2)) {
            for (NgSequence.Step step : seq.steps()) {
                Map<String, Object> reply = client.request(encoded(step.request())).orElseThrow(() ->
                        new AssertionError(seq.name() + ":" + step.line() + " no reply"));
                String where = seq.name() + ".seq:" + step.line() + " (" + step.command() + ")";
                if (step.error().isPresent()) {
                    assertEquals("error", text(reply, "result"), where);
                    assertEquals(step.error().get(), text(reply, "error-reason"), where);
                    continue;
                }
                assertEquals(step.result().orElse("ok"), text(reply, "result"), where + ": "
                        + text(reply, "error-reason"));
                assertEquals(step.warning().orElse(null), text(reply, "warning"), where);
                if (step.expectedSdp().isPresent()) {
                    SdpTemplate.mismatch(step.expectedSdp().get(), text(reply, "sdp"), relay, f.core.ports, ports)
                            .ifPresent(why -> fail(where + ": " + why));
                }
            }
        }
    }

    static Map<String, Object> encoded(Map<String, Object> request) {
        return NgDicts.encoded(request);
    }

    static String text(Map<String, Object> reply, String key) {
        return NgDicts.text(reply, key);
    }

    /** Never null, for the recorder's convenience. */
    static Optional<String> maybe(Map<String, Object> reply, String key) {
        return Optional.ofNullable(text(reply, key));
    }
}
