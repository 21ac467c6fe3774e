package org.mediarelay.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IpLiteralTest {

    @Test
    void dotted_quads_of_four_parts_up_to_255_are_addresses() {
        assertEquals("192.0.2.1", IpLiteral.parse("192.0.2.1").orElseThrow().getHostAddress());
        assertEquals("0.0.0.0", IpLiteral.parse("0.0.0.0").orElseThrow().getHostAddress());
        assertEquals("255.255.255.255", IpLiteral.parse("255.255.255.255").orElseThrow().getHostAddress());
        assertEquals("2001:db8:0:0:0:0:0:7", IpLiteral.parse("2001:db8::7").orElseThrow().getHostAddress());
    }

    @Test
    void anything_else_is_no_address_and_never_a_dns_lookup() {
        for (String s : new String[] {"", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.", ".1.2.3",
            "1234.1.1.1", "a.b.c.d", "example.com", "1.2.3.4 ", "-1.2.3.4", "1.2.3.4x"}) {
            assertTrue(IpLiteral.parse(s).isEmpty(), "'" + s + "'");
        }
    }

    @Test
    void addresses_are_written_as_rfc_5952_has_them() throws Exception {
        assertEquals("2001:db8::7", IpLiteral.text(java.net.InetAddress.getByName("2001:0DB8:0:0:0:0:0:7")));
        assertEquals("::1", IpLiteral.text(java.net.InetAddress.getByName("::1")));
        assertEquals("::", IpLiteral.text(java.net.InetAddress.getByName("::")));
        assertEquals("2001:db8:0:1:1:1:1:1", IpLiteral.text(java.net.InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
        assertEquals("2001:db8::1:0:0:1", IpLiteral.text(java.net.InetAddress.getByName("2001:db8:0:0:1:0:0:1")));
        assertEquals("fe80::", IpLiteral.text(java.net.InetAddress.getByName("fe80::")));
        assertEquals("192.0.2.1", IpLiteral.text(java.net.InetAddress.getByName("192.0.2.1")));
    }

    @Test
    void a_host_and_port_has_no_zone_and_brackets_ipv6() throws Exception {
        java.net.InetAddress scoped = java.net.Inet6Address.getByAddress(null,
                java.net.InetAddress.getByName("fe80::1").getAddress(), 2);
        assertTrue(scoped.getHostAddress().contains("%"), "Java writes the zone");
        assertEquals("[fe80::1]:4000", IpLiteral.hostPort(scoped, 4000));
        assertEquals("192.0.2.1:4000", IpLiteral.hostPort(java.net.InetAddress.getByName("192.0.2.1"), 4000));
    }
}
