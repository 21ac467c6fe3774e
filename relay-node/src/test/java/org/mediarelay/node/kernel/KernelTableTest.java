package org.mediarelay.node.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text of the node's table and of its changes, and the reading of nft's listings; no kernel involved. */
class KernelTableTest {

    private final KernelTable table = new KernelTable(4242, "relay-1");

    @Test
    void the_table_is_named_by_process_and_node_and_replaced_whole_at_creation() {
        assertEquals("ip mediarelay-4242-relay-1", table.name());
        String create = table.create();
        assertTrue(create.startsWith("add table ip mediarelay-4242-relay-1\ndelete table ip mediarelay-4242-relay-1\n"),
                create);
        assertTrue(create.contains("hook prerouting priority raw"), create);
        assertTrue(create.contains("@th,72,8 != 192-223"), "RTCP stays in userspace");
        assertTrue(create.contains("notrack"), create);
    }

    @Test
    void a_route_goes_in_as_six_elements_and_comes_out_by_the_same_keys_its_count_last() {
        KernelRoute r = new KernelRoute(7, new InetSocketAddress("10.0.0.2", 4000),
                new InetSocketAddress("10.0.0.1", 30000), new InetSocketAddress("192.0.2.1", 30002),
                new InetSocketAddress("192.0.2.9", 5000));
        StringBuilder in = new StringBuilder();
        table.install(r, in);
        assertEquals(List.of(
                "add element ip mediarelay-4242-relay-1 route_of { 10.0.0.2 . 4000 . 10.0.0.1 . 30000 : 7 }",
                "add element ip mediarelay-4242-relay-1 to_addr { 7 : 192.0.2.9 }",
                "add element ip mediarelay-4242-relay-1 to_port { 7 : 5000 }",
                "add element ip mediarelay-4242-relay-1 from_port { 7 : 30002 }",
                "add element ip mediarelay-4242-relay-1 from_addr { 192.0.2.9 . 5000 . 30002 : 192.0.2.1 }",
                "add element ip mediarelay-4242-relay-1 counted { 7 }"),
                in.toString().lines().toList());
        StringBuilder out = new StringBuilder();
        table.remove(r, out);
        assertEquals(5, out.toString().lines().filter(l -> l.startsWith("delete element")).count());
        assertTrue(out.toString().contains("route_of { 10.0.0.2 . 4000 . 10.0.0.1 . 30000 }"), out.toString());
        assertTrue(!out.toString().contains("counted"), "its count stays to be read");
        assertEquals("delete element ip mediarelay-4242-relay-1 counted { 7 }\n", table.deleteCounted(List.of(r)));
    }

    @Test
    void routes_take_ipv4_unicast_addresses_only() {
        InetSocketAddress v4 = new InetSocketAddress("10.0.0.2", 4000);
        assertThrows(IllegalArgumentException.class, () -> new KernelRoute(1, new InetSocketAddress("::1", 4000), v4,
                v4, v4));
        assertThrows(IllegalArgumentException.class, () -> new KernelRoute(1, v4, new InetSocketAddress("0.0.0.0",
                4000), v4, v4));
        assertThrows(IllegalArgumentException.class, () -> new KernelRoute(0, v4, v4, v4, v4));
    }

    @Test
    void counts_are_read_from_nfts_listing_of_the_set_and_tables_from_its_json() {
        String counted = "table ip mrt {\n\tset counted {\n\t\ttype mark\n\t\tcounter\n\t\telements = { 0x00000001 counter "
                + "packets 3 bytes 600, 0x0000002a counter packets 1 bytes 200,\n\t\t\t     7 counter packets 0 bytes 0 }\n"
                + "\t}\n}\n";
        Map<Integer, long[]> read = KernelTable.counted(counted);
        assertArrayEquals(new long[] {3, 600}, read.get(1));
        assertArrayEquals(new long[] {1, 200}, read.get(42));
        assertArrayEquals(new long[] {0, 0}, read.get(7));
        String tables = "{\"nftables\": [{\"table\": {\"family\": \"ip\", \"name\": \"mediarelay-17-relay-a\"}}, "
                + "{\"table\": {\"family\": \"ip\", \"name\": \"filter\"}}, "
                + "{\"table\": {\"family\": \"ip6\", \"name\": \"mediarelay-18-relay-b\"}}]}";
        assertEquals(List.of(new KernelTable.Found("mediarelay-17-relay-a", 17, "relay-a")),
                KernelTable.tables(tables));
    }

    @Test
    void a_listing_that_is_not_nfts_is_refused_with_what_it_was() {
        for (String bad : List.of("Error: syntax error", "{\"other\": []}", "{\"nftables\": [1]}",
                "{\"nftables\": {\"table\": 1}}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelTable.tables(bad));
            assertTrue(e.getMessage().contains("not an nft listing"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelTable.counted("Error: No such file or directory"));
        assertTrue(e.getMessage().contains("not a listing of the counted set"), e.getMessage());
    }
}
