package org.mediarelay.sdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediarelay.sdp.analysis.SdpAnalysis;

/** Every collected SDP and every seed vector: lossless, readable, and its analysis complete. */
class CorpusTest {

    static Stream<Corpus.Named> bodies() {
        return Corpus.all().stream();
    }

    @Test
    void the_corpus_holds_at_least_thirty_collected_bodies_each_with_its_source_noted() throws Exception {
        List<String> files = Corpus.collected();
        assertTrue(files.size() >= 30, "collected: " + files.size());
        String sources = new String(CorpusTest.class.getResourceAsStream("/corpus/SOURCES.md").readAllBytes());
        for (String f : files) {
            assertTrue(sources.contains("`" + f + "`"), f + " has no source in SOURCES.md");
        }
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void serializes_back_byte_for_byte(Corpus.Named sdp) {
        assertEquals(sdp.body(), SdpParser.parse(sdp.body()).serialize());
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void as_bytes_too(Corpus.Named sdp) {
        assertArrayEquals(sdp.body().getBytes(StandardCharsets.ISO_8859_1), SdpParser.parse(sdp.body()).toBytes());
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void every_stream_is_analysed(Corpus.Named sdp) {
        SessionDescription parsed = SdpParser.parse(sdp.body());
        assertEquals(parsed.media().size(), SdpAnalysis.streams(parsed).size());
    }
}
