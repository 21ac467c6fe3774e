package org.mediarelay.accounting.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CdrJsonTest {

    static Cdr sample() {
        CdrParty caller = new CdrParty(30000, 30001, Optional.of("192.0.2.10:4000"), new Flow(5_000_000_000L, 1L << 40),
                new Flow(10, 800), new Flow(6, 600), 3, Optional.of(new CdrQuality(5_000_000_100L, 100, 1.25, 4.39)));
        CdrParty callee = new CdrParty(30002, 30003, Optional.empty(), Flow.ZERO, Flow.ZERO, Flow.ZERO, 0,
                Optional.empty());
        return new Cdr("rec-1", "abc@192.0.2.10", "tagA", Optional.of("tagB"), "node-1", "203.0.113.5",
                Instant.parse("2026-11-21T10:00:00Z"), Optional.of(Instant.parse("2026-11-21T10:00:03.250Z")),
                Instant.parse("2026-11-21T10:05:00.500Z"), TerminationReason.REGULAR,
                List.of(new CdrStream(0, "audio", StreamPath.ONE_WAY, caller, callee)));
    }

    @Test
    void encodes_the_documented_fields() {
        JsonObject j = CdrJson.encode(sample());
        assertEquals(1, j.getInteger("version"));
        assertEquals("abc@192.0.2.10", j.getString("call_id"));
        assertEquals("tagB", j.getString("to_tag"));
        assertEquals("2026-11-21T10:00:00Z", j.getString("created"));
        assertEquals(300_500L, j.getLong("duration_ms"));
        assertEquals("regular", j.getString("reason"));
        JsonObject caller = j.getJsonArray("streams").getJsonObject(0).getJsonObject("caller");
        assertEquals(5_000_000_000L, caller.getJsonObject("rtp").getLong("packets"), "64-bit counters stay whole");
        assertEquals("192.0.2.10:4000", caller.getString("latched_rtp"));
        assertEquals("one-way", j.getJsonArray("streams").getJsonObject(0).getString("path"));
        assertEquals(4.39, caller.getJsonObject("quality").getDouble("mos"));
        assertEquals(6, caller.getJsonObject("stun").getLong("packets"));
    }

    @Test
    void a_version_1_record_written_before_paths_and_stun_were_added_still_reads() {
        JsonObject older = CdrJson.encode(sample());
        JsonObject stream = older.getJsonArray("streams").getJsonObject(0);
        stream.remove("path");
        stream.getJsonObject("caller").remove("stun");
        Cdr read = CdrJson.decode(older);
        assertEquals(StreamPath.RELAYED, read.streams().get(0).path());
        assertEquals(Flow.ZERO, read.streams().get(0).caller().stun());
    }

    @Test
    void decodes_what_it_encodes() {
        Cdr c = sample();
        assertEquals(c, CdrJson.decode(new JsonObject(CdrJson.encode(c).encode())));
        Cdr unanswered = new Cdr("r2", "x", "t", Optional.empty(), "n", "a", c.created(), Optional.empty(), c.created(),
                TerminationReason.SHUTDOWN, List.of());
        assertEquals(unanswered, CdrJson.decode(CdrJson.encode(unanswered)));
    }

    @Test
    void another_version_or_a_broken_record_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> CdrJson.decode(CdrJson.encode(sample()).put("version", 2)));
        assertThrows(IllegalArgumentException.class, () -> CdrJson.decode(CdrJson.encode(sample()).put("created", "yesterday")));
    }
}
