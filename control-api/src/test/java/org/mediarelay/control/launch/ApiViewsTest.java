package org.mediarelay.control.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiViewsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");

    @Test
    void status_is_a_table_of_nodes_with_the_totals_under_it() {
        JsonArray nodes = new JsonArray()
                .add(new JsonObject().put("id", "relay-a").put("media_address", "10.0.0.5").put("state", "active")
                        .put("sessions", 12).put("streams", 24).put("packet_rate", 2400).put("cpu_percent", 7)
                        .put("ports_free", 19904).put("ports_total", 20000)
                        .put("interfaces", new JsonArray().add("internal/10.0.0.5").add("external/192.0.2.5")))
                .add(new JsonObject().put("id", "relay-b").put("media_address", "10.0.0.6").put("state", "draining")
                        .put("sessions", 3).put("streams", 6).put("packet_rate", 0).put("cpu_percent", 0)
                        .put("ports_free", 19976).put("ports_total", 20000));
        JsonObject stats = new JsonObject().put("sessions", 15).put("packets_relayed", 1_234_567L)
                .put("bytes_relayed", 211_000_000L).put("packets_dropped", 42).put("average_duration_ms", 83_000L)
                .put("calls_ended", new JsonObject().put("regular", 10).put("timeout", 1))
                .put("commands_failed", new JsonObject());
        assertEquals("""
                NODE     STATE     SESSIONS  STREAMS  PACKETS/S  CPU  PORTS FREE   INTERFACES
                relay-a  active          12       24       2400   7%  19904/20000  internal/10.0.0.5 external/192.0.2.5
                relay-b  draining         3        6          0   0%  19976/20000  10.0.0.6

                15 calls open · 1,234,567 packets relayed (201.2 MiB) · 42 dropped · average call 1m23s
                ended: regular 10, timeout 1
                """, ApiViews.status(nodes, stats));
    }

    @Test
    void a_cluster_without_nodes_says_so() {
        assertEquals("no relay node is reporting\n\n0 calls open · 0 packets relayed (0 B) · 0 dropped · average call 0s\n",
                ApiViews.status(new JsonArray(), new JsonObject()));
    }

    @Test
    void sessions_are_listed_newest_first_with_their_state_and_age_and_the_count_says_what_is_left_out() {
        JsonObject calls = new JsonObject().put("total", 3).put("calls", new JsonArray()
                .add(new JsonObject().put("call_id", "old@host").put("from_tag", "a1").put("to_tag", "b1")
                        .put("node", "relay-a").put("created", "2026-12-06T18:56:55Z").put("answered", "x")
                        .put("labels", new JsonObject().put("caller", "inbound")))
                .add(new JsonObject().put("call_id", "new@host").put("from_tag", "a2").put("node", "relay-b")
                        .put("created", "2026-12-06T19:59:15Z"))
                .add(new JsonObject().put("call_id", "mid@host").put("from_tag", "a3").put("node", "relay-a")
                        .put("created", "2026-12-06T19:57:00Z").put("answered", "x")));
        assertEquals("""
                CALL-ID   FROM-TAG  TO-TAG  NODE     STATE       AGE  LABELS
                new@host  a2        -       relay-b  offered     45s  -
                mid@host  a3        -       relay-a  answered  3m00s  -
                2 of 3 calls shown
                """, ApiViews.sessions(calls, NOW, 2));
        String all = ApiViews.sessions(calls, NOW, 50);
        assertEquals("old@host  a1        b1      relay-a  answered  1h03m  caller=inbound",
                all.lines().skip(3).findFirst().orElseThrow());
        assertEquals("3 calls", all.lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void durations_and_sizes_read_as_people_write_them() {
        assertEquals("59s", ApiViews.duration(Duration.ofSeconds(59)));
        assertEquals("1m00s", ApiViews.duration(Duration.ofSeconds(60)));
        assertEquals("2h03m", ApiViews.duration(Duration.ofMinutes(123)));
        assertEquals("3d04h", ApiViews.duration(Duration.ofHours(76)));
        assertEquals("0s", ApiViews.duration(Duration.ofSeconds(-5)), "a clock behind the dispatcher's");
        assertEquals("1023 B", ApiViews.bytes(1023));
        assertEquals("1.5 KiB", ApiViews.bytes(1536));
        assertEquals("2.0 GiB", ApiViews.bytes(2L << 30));
    }
}
