package org.mediarelay.control.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryYamlConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberAllowListTest {

    private static MemberAllowList of(String network, String properties) {
        return MemberAllowList.of(new InMemoryYamlConfig("hazelcast:\n  properties:\n    x: y\n" + properties
                + "  network:\n" + network));
    }

    private static final String MEMBERS = """
                join:
                  tcp-ip:
                    enabled: true
                    member-list:
                      - 10.0.0.1
                      - 10.0.0.2:5701
                      - "[fd00::7]:5701"
                      - 10.0.1.10-19
                interfaces:
                  enabled: true
                  interfaces:
                    - 10.0.2.*
            """;

    @Test
    void without_the_property_the_hosts_the_file_names_as_members_may_join_and_no_other() {
        MemberAllowList list = of(MEMBERS, "");
        for (String member : List.of("10.0.0.1", "10.0.0.2", "fd00::7", "[fd00::7]", "10.0.1.10", "10.0.1.19",
                "10.0.2.200")) {
            assertTrue(list.allows(member), member);
        }
        for (String stranger : List.of("10.0.0.3", "10.0.1.20", "10.0.3.1", "192.0.2.1", "fd00::8", "127.0.0.1")) {
            assertFalse(list.allows(stranger), stranger);
        }
    }

    @Test
    void the_property_names_who_may_join_instead() {
        MemberAllowList list = of(MEMBERS, "    mediarelay.cluster.allow: \" 192.0.2.*, 198.51.100.7 \"\n");
        assertEquals(List.of("192.0.2.*", "198.51.100.7"), list.patterns());
        assertTrue(list.allows("192.0.2.44"));
        assertTrue(list.allows("198.51.100.7"));
        assertFalse(list.allows("10.0.0.1"), "the member-list no longer counts");
    }

    @Test
    void a_host_name_in_the_member_list_stands_for_its_addresses() {
        MemberAllowList list = of("""
                    join:
                      tcp-ip:
                        enabled: true
                        member-list: [localhost, relay-1-2.invalid]
                """, "");
        assertTrue(list.allows("127.0.0.1"), list.patterns().toString());
        assertFalse(list.allows("127.0.0.2"));
        assertFalse(list.patterns().contains("relay-1-2.invalid"), "a name that does not resolve names nobody");
    }

    @Test
    void with_no_member_named_anywhere_the_cluster_is_open_and_says_so() {
        MemberAllowList list = MemberAllowList.of(new Config());
        assertTrue(list.open());
        assertTrue(list.allows("203.0.113.9"));
    }
}
