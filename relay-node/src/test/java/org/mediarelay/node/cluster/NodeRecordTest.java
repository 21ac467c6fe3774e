package org.mediarelay.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeRecordTest {

    private static NodeRecord sample() {
        return new NodeRecord("relay-a", "192.0.2.5", List.of("default/192.0.2.5"), 1000, 990, 4, 5, 250, 12, 2,
                false, 1_700_000_000_000L, "member-1",
                new NodeRecord.Traffic(1_699_999_000_000L, 640_000, Map.of("audio", 4, "video", 1)));
    }

    @Test
    void a_record_reads_back_what_it_wrote_through_the_cluster() {
        assertEquals(sample(), NodeRecord.fromJson(new JsonObject(sample().toJson().encode())));
    }

    @Test
    void a_report_of_a_node_that_predates_the_traffic_figures_reads_with_none() {
        JsonObject older = sample().toJson();
        older.remove("started");
        older.remove("bit_rate");
        older.remove("streams_by_media");
        assertEquals(NodeRecord.Traffic.NONE, NodeRecord.fromJson(older).traffic());
    }

    @Test
    void a_drained_or_busier_record_keeps_its_traffic() {
        assertEquals(sample().traffic(), sample().drained().traffic());
        assertEquals(sample().traffic(), sample().withSessions(9).traffic());
    }
}
