package org.mediarelay.accounting.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CdrJsonTest {

    static Cdr sample() {
        CdrMedia media = new CdrMedia(Optional.of(Instant.parse("2026-11-21T10:00:03.900Z")),
                Optional.of(Instant.parse("2026-11-21T10:04:00.120Z")), List.of(0, 101), new Flow(0, 0),
                new Flow(0, 0), new Flow(2, 180), Map.of("strict-source", 3L), 1, Optional.of("192.0.2.10:4000"));
        CdrParty caller = new CdrParty(30000, 30001, Optional.of("192.0.2.10:4000"), new Flow(5_000_000_000L, 1L << 40),
                new Flow(10, 800), new Flow(6, 600), 3, Optional.of(new CdrQuality(5_000_000_100L, 100, 1.25, 4.39)),
                media);
        CdrParty callee = new CdrParty(30002, 30003, Optional.empty(), Flow.ZERO, Flow.ZERO, Flow.ZERO, 0,
                Optional.empty());
        return new Cdr("rec-1", "abc@192.0.2.10", "tagA", Optional.of("tagB"), "node-1", "203.0.113.5",
                Instant.parse("2026-11-21T10:00:00Z"), Optional.of(Instant.parse("2026-11-21T10:00:03.250Z")),
                Instant.parse("2026-11-21T10:05:00.500Z"), TerminationReason.TIMEOUT,
                List.of(new CdrStream(0, "audio", StreamPath.ONE_WAY, caller, callee,
                        List.of("PCMU/8000", "telephone-event/8000"))),
                new CdrNotes(Map.of("caller", "pbx-7"), Optional.of("tenant=42"),
                        Map.of("caller", "sip:alice@example.com", "callee", "sip:bob@example.com"),
                        Map.of("caller", "Blink Pro 5.0"), Optional.of("5471788335113")));
    }

    @Test
    void setup_talk_and_idle_time_are_apart_so_ringing_and_a_dead_tail_are_not_billed_as_talk() {
        JsonObject j = CdrJson.encode(sample());
        assertEquals(3_250L, j.getLong("setup_ms"));
        assertEquals(297_250L, j.getLong("talk_ms"), "first answer to the end");
        assertEquals("2026-11-21T10:00:03.900Z", j.getString("media_start"));
        assertEquals("2026-11-21T10:04:00.120Z", j.getString("media_end"));
        assertEquals(60_380L, j.getLong("idle_ms"), "last packet to the end: the timeout's wait");
        assertEquals(new JsonObject().put("caller", "pbx-7"), j.getJsonObject("labels"));
        assertEquals("tenant=42", j.getString("metadata"));
        assertEquals("sip:bob@example.com", j.getJsonObject("uris").getString("callee"));
        assertEquals(new JsonObject().put("caller", "Blink Pro 5.0"), j.getJsonObject("user_agents"));
        assertEquals("5471788335113", j.getString("dialog_id"));
        JsonObject caller = j.getJsonArray("streams").getJsonObject(0).getJsonObject("caller");
        assertEquals(new JsonObject().put("strict-source", 3), caller.getJsonObject("drops"));
        assertEquals(List.of(0, 101), caller.getJsonArray("payload_types").getList());
        assertEquals(1, caller.getInteger("relatches"));
        assertEquals("192.0.2.10:4000", caller.getString("sdp_rtp"));
        assertEquals(List.of("PCMU/8000", "telephone-event/8000"),
                j.getJsonArray("streams").getJsonObject(0).getJsonArray("codecs").getList());
    }

    @Test
    void an_unanswered_call_has_no_talk_time_and_a_call_without_media_no_media_times() {
        Cdr c = sample();
        Cdr unanswered = new Cdr("r", "x", "t", Optional.empty(), "n", "a", c.created(), Optional.empty(),
                c.ended(), TerminationReason.OFFER_TIMEOUT, List.of());
        JsonObject j = CdrJson.encode(unanswered);
        for (String absent : List.of("setup_ms", "talk_ms", "media_start", "media_end", "idle_ms", "labels",
                "metadata", "to_tag", "answered")) {
            assertEquals(false, j.containsKey(absent), absent);
        }
    }

    @Test
    void encodes_the_documented_fields() {
        JsonObject j = CdrJson.encode(sample());
        assertEquals(1, j.getInteger("version"));
        assertEquals("abc@192.0.2.10", j.getString("call_id"));
        assertEquals("tagB", j.getString("to_tag"));
        assertEquals("2026-11-21T10:00:00Z", j.getString("created"));
        assertEquals(300_500L, j.getLong("duration_ms"));
        assertEquals("timeout", j.getString("reason"));
        JsonObject caller = j.getJsonArray("streams").getJsonObject(0).getJsonObject("caller");
        assertEquals(5_000_000_000L, caller.getJsonObject("rtp").getLong("packets"), "64-bit counters stay whole");
        assertEquals("192.0.2.10:4000", caller.getString("latched_rtp"));
        assertEquals("one-way", j.getJsonArray("streams").getJsonObject(0).getString("path"));
        assertEquals(4.39, caller.getJsonObject("quality").getDouble("mos"));
        assertEquals(6, caller.getJsonObject("stun").getLong("packets"));
        assertEquals(0, caller.getJsonObject("udptl").getLong("packets"), "every kind is written, even when zero");
        assertEquals(180, caller.getJsonObject("other").getLong("bytes"));
    }

    @Test
    void a_version_1_record_written_before_later_fields_were_added_still_reads() {
        JsonObject older = CdrJson.encode(sample());
        JsonObject stream = older.getJsonArray("streams").getJsonObject(0);
        stream.remove("path");
        stream.getJsonObject("caller").remove("stun");
        stream.remove("codecs");
        for (String added : List.of("first_packet", "last_packet", "payload_types", "key_exchange", "udptl", "other",
                "drops", "relatches", "sdp_rtp")) {
            stream.getJsonObject("caller").remove(added);
        }
        for (String added : List.of("labels", "metadata", "uris", "user_agents", "dialog_id")) {
            older.remove(added);
        }
        Cdr read = CdrJson.decode(older);
        assertEquals(StreamPath.RELAYED, read.streams().get(0).path());
        assertEquals(Flow.ZERO, read.streams().get(0).caller().stun());
        assertEquals(CdrMedia.NONE, read.streams().get(0).caller().media());
        assertEquals(CdrNotes.NONE, read.notes());
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
