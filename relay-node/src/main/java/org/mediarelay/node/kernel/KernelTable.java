package org.mediarelay.node.kernel;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a node's own nftables table ({@code ip mediarelay-<pid>-<node id>}) and of the changes made to it; no I/O.
 *
 * <p>One rule in the {@code prerouting} hook at priority {@code raw} (before connection tracking) looks up each
 * UDP packet that looks like RTP (version 2, not an RTCP packet type) by its source and destination address and port;
 * a packet of a route gets the route's number as its mark for the length of the rule, the destination's address and
 * port and the relay's outgoing port, counts on the route's element of the {@code counted} set (last, so that only a
 * packet rewritten whole counts), and leaves the rule with mark 0 and untracked. No named counter objects: nft reads
 * every object of the ruleset for any command that touches one, which made each listing cost 15 µs per route.
 * Locally addressed packets are then delivered; others are forwarded, and a {@code postrouting} rule sets the source
 * address of the relay's outgoing interface (rewriting it before routing would make the packet a martian). Stateless:
 * no conntrack entry, nothing for the userspace phase of a stream to get in the way of.
 */
final class KernelTable {

    /** An element of the {@code counted} set as nft prints it: {@code 0x00000007 counter packets 3 bytes 600}. */
    private static final Pattern COUNT = Pattern.compile("(0x[0-9a-fA-F]+|\\d+) counter packets (\\d+) bytes (\\d+)");
    private static final Pattern OURS = Pattern.compile("mediarelay-(\\d+)-([A-Za-z0-9._-]+)");

    private final String table;

    /** The table of node {@code nodeId} in process {@code pid}: {@code ip mediarelay-<pid>-<node id>}. */
    KernelTable(long pid, String nodeId) {
        if (!nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("node id " + nodeId + " cannot name a table");
        }
        this.table = "ip mediarelay-" + pid + "-" + nodeId;
    }

    /** A mediarelay table found in the kernel: its name, and the process and node it was made by. */
    record Found(String name, long pid, String nodeId) {
        String drop() {
            return "delete table ip " + name + "\n";
        }
    }

    static String listTables() {
        return "list tables ip\n";
    }

    /**
     * The mediarelay tables in nft's JSON listing of tables.
     *
     * @throws IllegalArgumentException when the text is not such a listing
     */
    static List<Found> tables(String json) {
        List<Found> out = new ArrayList<>();
        forEach(json, "table", t -> {
            Matcher m = OURS.matcher(t.getString("name", ""));
            if ("ip".equals(t.getString("family")) && m.matches()) {
                out.add(new Found(m.group(0), Long.parseLong(m.group(1)), m.group(2)));
            }
        });
        return out;
    }

    /** The table as the nft tool names it, e.g. in an operator's {@code nft list table}. */
    String name() {
        return table;
    }

    /** Replaces whatever table of this name exists with an empty one, in one transaction. */
    String create() {
        return "add table " + table + "\n"
                + "delete table " + table + "\n"
                + "add table " + table + "\n"
                + "add map " + table + " route_of { type ipv4_addr . inet_service . ipv4_addr . inet_service : mark; }\n"
                + "add map " + table + " to_addr { type mark : ipv4_addr; }\n"
                + "add map " + table + " to_port { type mark : inet_service; }\n"
                + "add map " + table + " from_port { type mark : inet_service; }\n"
                + "add map " + table + " from_addr { type ipv4_addr . inet_service . inet_service : ipv4_addr; }\n"
                + "add set " + table + " counted { type mark; counter; }\n"
                + "add chain " + table + " pre { type filter hook prerouting priority raw; policy accept; }\n"
                + "add chain " + table + " post { type filter hook postrouting priority srcnat; policy accept; }\n"
                + "add rule " + table + " pre meta l4proto udp @th,64,8 & 0xc0 == 0x80 @th,72,8 != 192-223"
                + " meta mark set ip saddr . udp sport . ip daddr . udp dport map @route_of"
                + " ip daddr set meta mark map @to_addr udp dport set meta mark map @to_port"
                + " udp sport set meta mark map @from_port meta mark @counted meta mark set 0 notrack\n"
                + "add rule " + table + " post meta l4proto udp ip saddr set ip daddr . udp dport . udp sport"
                + " map @from_addr\n";
    }

    /** Removes the table and everything in it. */
    String drop() {
        return "delete table " + table + "\n";
    }

    /** The commands that add {@code r}; all of a batch's routes go in at once or none does. */
    void install(KernelRoute r, StringBuilder out) {
        String id = Integer.toString(r.id());
        element(out, "route_of", key(r.source()) + " . " + key(r.relayIn()), id);
        element(out, "to_addr", id, r.destination().getAddress().getHostAddress());
        element(out, "to_port", id, Integer.toString(r.destination().getPort()));
        element(out, "from_port", id, Integer.toString(r.relayOut().getPort()));
        element(out, "from_addr", key(r.destination()) + " . " + r.relayOut().getPort(),
                r.relayOut().getAddress().getHostAddress());
        out.append("add element ").append(table).append(" counted { ").append(id).append(" }\n");
    }

    /**
     * The commands that stop {@code r} matching; its element of {@code counted} stays, its count final, to be read
     * ({@link #listCounted}) and deleted ({@link #deleteCounted}).
     */
    void remove(KernelRoute r, StringBuilder out) {
        String id = Integer.toString(r.id());
        delete(out, "route_of", key(r.source()) + " . " + key(r.relayIn()));
        delete(out, "to_addr", id);
        delete(out, "to_port", id);
        delete(out, "from_port", id);
        delete(out, "from_addr", key(r.destination()) + " . " + r.relayOut().getPort());
    }

    String deleteCounted(List<KernelRoute> routes) {
        return "delete element " + table + " counted { " + ids(routes) + " }\n";
    }

    private static String ids(List<KernelRoute> routes) {
        StringBuilder ids = new StringBuilder();
        for (KernelRoute r : routes) {
            ids.append(ids.length() == 0 ? "" : ", ").append(r.id());
        }
        return ids.toString();
    }

    /** The command that lists every route's count. */
    String listCounted() {
        return "list set " + table + " counted\n";
    }

    /**
     * The counts in nft's listing of the {@code counted} set (its text form, which nft prints in about half the time
     * of its JSON): route id to {packets, bytes}.
     *
     * @throws IllegalArgumentException when the text is not such a listing
     */
    static Map<Integer, long[]> counted(String text) {
        if (!text.contains("set counted")) {
            throw new IllegalArgumentException("not a listing of the counted set: "
                    + text.substring(0, Math.min(200, text.length())));
        }
        Map<Integer, long[]> out = new HashMap<>();
        Matcher m = COUNT.matcher(text);
        while (m.find()) {
            String id = m.group(1);
            out.put(id.startsWith("0x") ? Integer.parseUnsignedInt(id.substring(2), 16) : Integer.parseInt(id),
                    new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
        }
        return out;
    }

    /** Each object of {@code kind} in nft's JSON listing (one document per line, each {@code {"nftables": [...]}}). */
    private static void forEach(String json, String kind, Consumer<JsonObject> each) {
        for (String line : json.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonArray items = new JsonObject(line).getJsonArray("nftables");
                if (items == null) {
                    throw new IllegalArgumentException("no nftables array");
                }
                for (int i = 0; i < items.size(); i++) {
                    JsonObject o = items.getJsonObject(i).getJsonObject(kind);
                    if (o != null) {
                        each.accept(o);
                    }
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not an nft listing (" + e.getMessage() + "): " + line, e);
            }
        }
    }

    private void element(StringBuilder out, String map, String key, String value) {
        out.append("add element ").append(table).append(' ').append(map).append(" { ").append(key).append(" : ")
                .append(value).append(" }\n");
    }

    private void delete(StringBuilder out, String map, String key) {
        out.append("delete element ").append(table).append(' ').append(map).append(" { ").append(key).append(" }\n");
    }

    private static String key(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + " . " + a.getPort();
    }
}
