package org.mediarelay.control.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.IpLiteral;

class SourceAllowListTest {

    private static InetAddress ip(String literal) {
        return IpLiteral.parse(literal).orElseThrow();
    }

    @Test
    void networks_contain_the_addresses_under_their_prefix() {
        Cidr net = Cidr.parse("10.1.2.128/25");
        assertTrue(net.contains(ip("10.1.2.200")));
        assertFalse(net.contains(ip("10.1.2.127")));
        assertFalse(net.contains(ip("2001:db8::1")), "an IPv6 address is in no IPv4 network");
        assertTrue(Cidr.parse("2001:db8::/32").contains(ip("2001:db8:ffff::1")));
        assertEquals("2001:db8:0:0:0:0:0:0/32", Cidr.parse("2001:db8::/32").toString());
        assertEquals("192.0.2.1/32", Cidr.parse("192.0.2.1").toString());
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com/8"));
    }

    @Test
    void a_source_outside_the_list_is_refused_and_counted_by_protocol() {
        SourceAllowList list = new SourceAllowList(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1")));
        assertTrue(list.allows("127.0.0.9", "ng-udp"));
        assertTrue(list.allows("0:0:0:0:0:0:0:1", "ng-udp"));
        assertFalse(list.allows("192.0.2.7", "ng-udp"));
        assertFalse(list.allows("192.0.2.7", "ng-udp"));
        assertFalse(list.allows("not-an-ip", "ng-http"));
        assertEquals(Map.of("ng-udp", 2L, "ng-http", 1L), list.refusals());
    }

    @Test
    void every_request_gets_the_same_decision_for_its_source() {
        SourceAllowList list = new SourceAllowList(List.of(Cidr.parse("10.0.0.0/8")));
        for (int i = 0; i < 3; i++) {
            assertTrue(list.allows("10.1.2.3", "ng-udp"));
            assertFalse(list.allows("11.1.2.3", "ng-udp"));
        }
        assertEquals(Map.of("ng-udp", 3L), list.refusals());
    }
}
