package org.mediarelay.node.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a relay node tells the cluster about itself, once a second: where it relays, its capacity and load.
 *
 * @param mediaAddress the address it advertises in SDP (its first media interface's)
 * @param interfaces   all its media interfaces, each as {@code name/advertised address}
 * @param totalPairs   its media port pairs
 * @param freePairs    how many are free now
 * @param sessions     the calls it carries now
 * @param streams      the media streams it relays now
 * @param packetRate   packets it forwarded per second, over the last report period
 * @param cpuPercent   the CPU its process used over the last moment, in percent of the whole host
 * @param weight       its share of new calls relative to other nodes (capacity, not load)
 * @param draining     whether it takes no new calls (set by an operator, kept in the cluster)
 * @param updatedMillis when it last reported (epoch milliseconds)
 * @param memberId      the cluster member it runs in: when that member leaves, the node is lost
 * @param traffic       since when it runs, and what it relays (MediaProxy's relay summary)
 */
public record NodeRecord(String id, String mediaAddress, List<String> interfaces, int totalPairs, int freePairs,
                         int sessions, int streams, long packetRate, int cpuPercent, int weight, boolean draining,
                         long updatedMillis, String memberId, Traffic traffic) {

    /**
     * @param startedMillis  when the node started (epoch milliseconds; 0: not told)
     * @param bitRate        bits it forwarded per second, over the last report period
     * @param streamsByMedia its open streams by media type ({@code audio}, {@code video}, {@code image}...)
     */
    public record Traffic(long startedMillis, long bitRate, Map<String, Integer> streamsByMedia) {

        public static final Traffic NONE = new Traffic(0, 0, Map.of());

        public Traffic {
            streamsByMedia = Map.copyOf(streamsByMedia);
        }
    }

    /** A record without traffic figures. */
    public NodeRecord(String id, String mediaAddress, List<String> interfaces, int totalPairs, int freePairs,
                      int sessions, int streams, long packetRate, int cpuPercent, int weight, boolean draining,
                      long updatedMillis, String memberId) {
        this(id, mediaAddress, interfaces, totalPairs, freePairs, sessions, streams, packetRate, cpuPercent, weight,
                draining, updatedMillis, memberId, Traffic.NONE);
    }

    public NodeRecord {
        Objects.requireNonNull(id);
        Objects.requireNonNull(mediaAddress);
        interfaces = List.copyOf(interfaces);
        Objects.requireNonNull(memberId);
        Objects.requireNonNull(traffic);
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1");
        }
    }

    /**
     * Whether it has the interface a request names, by name or address ({@code name/address} entries; a node that
     * reports none has one interface, its media address).
     */
    public boolean answersTo(String asked) {
        if (interfaces.isEmpty()) {
            return mediaAddress.equals(asked);
        }
        for (String i : interfaces) {
            int slash = i.indexOf('/');
            if (i.substring(0, slash).equals(asked) || i.substring(slash + 1).equals(asked)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the proxy's preferred relay ({@code media_relay}, a label) means this node: its id or an address. */
    public boolean isNamed(String preferred) {
        return id.equals(preferred) || mediaAddress.equals(preferred)
                || interfaces.stream().anyMatch(i -> i.endsWith("/" + preferred));
    }

    /** This record with {@code n} sessions (the reported ones plus those placed since the report). */
    public NodeRecord withSessions(int n) {
        return new NodeRecord(id, mediaAddress, interfaces, totalPairs, freePairs, n, streams, packetRate, cpuPercent, weight,
                draining, updatedMillis, memberId, traffic);
    }

    public NodeRecord drained() {
        return new NodeRecord(id, mediaAddress, interfaces, totalPairs, freePairs, sessions, streams, packetRate, cpuPercent,
                weight, true, updatedMillis, memberId, traffic);
    }

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("media_address", mediaAddress)
                .put("interfaces", new JsonArray(interfaces)).put("total_pairs", totalPairs)
                .put("free_pairs", freePairs).put("sessions", sessions).put("streams", streams).put("packet_rate", packetRate)
                .put("cpu_percent", cpuPercent)
                .put("weight", weight)
                .put("draining", draining).put("updated", updatedMillis).put("member", memberId)
                .put("started", traffic.startedMillis()).put("bit_rate", traffic.bitRate())
                .put("streams_by_media", new JsonObject(new TreeMap<String, Object>(traffic.streamsByMedia())));
    }

    public static NodeRecord fromJson(JsonObject j) {
        List<String> interfaces = Optional.ofNullable(j.getJsonArray("interfaces")).map(a -> a.stream()
                .map(String::valueOf).toList()).orElse(List.of());
        return new NodeRecord(j.getString("id"), j.getString("media_address"), interfaces, j.getInteger("total_pairs"),
                j.getInteger("free_pairs"), j.getInteger("sessions"), j.getInteger("streams", 0),
                j.getLong("packet_rate", 0L), j.getInteger("cpu_percent", 0), j.getInteger("weight", 1),
                j.getBoolean("draining", false), j.getLong("updated"), j.getString("member", ""), traffic(j));
    }

    /** Absent in a report of a node that predates the figures: none. */
    private static Traffic traffic(JsonObject j) {
        Map<String, Integer> byMedia = new TreeMap<>();
        JsonObject media = j.getJsonObject("streams_by_media", new JsonObject());
        media.forEach(e -> byMedia.put(e.getKey(), ((Number) e.getValue()).intValue()));
        return new Traffic(j.getLong("started", 0L), j.getLong("bit_rate", 0L), byMedia);
    }
}
