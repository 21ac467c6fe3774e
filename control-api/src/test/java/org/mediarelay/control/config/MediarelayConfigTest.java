package org.mediarelay.control.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.port.PortRange;

class MediarelayConfigTest {

    @TempDir
    Path dir;

    @BeforeEach
    void clusterFile() throws Exception {
        Files.writeString(dir.resolve("cluster.yaml"), "hazelcast:\n  cluster-name: t\n");
    }

    private MediarelayConfig config(List<String> args, Map<String, String> env) {
        return MediarelayConfig.from(Settings.resolve(args, env, dir), dir, new SplittableRandom(1));
    }

    private String error(List<String> args, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> config(args, env)).getMessage();
    }

    @Nested
    class Defaults {

        @Test
        void the_embedded_defaults_are_the_documented_ones() throws Exception {
            MediarelayConfig c = config(List.of(), Map.of());
            assertEquals(Role.ALL, c.role());
            assertEquals(HostPort.parse("127.0.0.1:2223"), c.ngListen());
            assertEquals(HostPort.parse("127.0.0.1:8080"), c.httpListen());
            assertEquals(List.of(new MediaInterface("default", InetAddress.getByName("127.0.0.1"), "127.0.0.1",
                    new PortRange(30000, 39999))), c.mediaInterfaces(), "one interface, advertised as it binds");
            assertEquals("127.0.0.1", c.mediaAdvertised());
            assertEquals(dir.resolve("data"), c.dataDir());
            assertEquals(dir.resolve("cluster.yaml"), c.clusterConfig());
            assertEquals(Optional.empty(), c.clusterName());
            assertTrue(c.nodeId().matches("relay-[0-9a-f]{8}"), c.nodeId());
            assertEquals(32, c.relayNode().readyPairs());
        }

        @Test
        void every_key_has_an_environment_variable_named_after_it() {
            assertEquals("MEDIARELAY_NG_LISTEN", ConfigKey.NG_LISTEN.environmentVariable());
            assertEquals("MEDIARELAY_MEDIA_ADVERTISED", ConfigKey.MEDIA_ADVERTISED.environmentVariable());
        }
    }

    @Nested
    class Precedence {

        @Test
        void file_then_environment_then_arguments_each_override_the_one_before() throws Exception {
            Files.writeString(dir.resolve("mediarelay.yaml"),
                    "ng:\n  listen: 127.0.0.1:3000\nhttp.listen: 127.0.0.1:3001\nmedia:\n  ports: 40000-40999\n");
            MediarelayConfig fromFile = config(List.of(), Map.of());
            assertEquals(3000, fromFile.ngListen().port());
            assertEquals(3001, fromFile.httpListen().port(), "dotted keys work in the file too");
            assertEquals(new PortRange(40000, 40999), fromFile.mediaInterfaces().get(0).ports());

            Map<String, String> env = Map.of("MEDIARELAY_NG_LISTEN", "127.0.0.1:4000", "UNRELATED", "x");
            assertEquals(4000, config(List.of(), env).ngListen().port());
            assertEquals(5000, config(List.of("--ng.listen=127.0.0.1:5000"), env).ngListen().port());
        }

        @Test
        void an_explicit_config_file_replaces_the_default_one() throws Exception {
            Files.writeString(dir.resolve("mediarelay.yaml"), "node:\n  id: default-file\n");
            Files.writeString(dir.resolve("other.yaml"), "node.id: other-file\n");
            assertEquals("other-file", config(List.of("--config", "other.yaml"), Map.of()).nodeId());
            assertEquals("other-file", config(List.of("--config=other.yaml"), Map.of()).nodeId());
            assertEquals("default-file", config(List.of(), Map.of()).nodeId());
        }

        @Test
        void a_config_file_name_that_is_no_file_name_is_refused_with_a_clear_message() {
            // Found by ConfigFuzzTest: the JDK's InvalidPathException escaped instead of a ConfigException.
            ConfigException e = assertThrows(ConfigException.class, () -> config(List.of("--config=a\0b"), Map.of()));
            assertTrue(e.getMessage().startsWith("config file a\0b is not a file name: "), e.getMessage());
        }

        @Test
        void mediarelay_config_names_the_file_when_no_config_argument_does_as_the_package_sets_it() throws Exception {
            Files.writeString(dir.resolve("mediarelay.yaml"), "node:\n  id: default-file\n");
            Files.writeString(dir.resolve("etc.yaml"), "node.id: etc-file\n");
            Files.writeString(dir.resolve("other.yaml"), "node.id: other-file\n");
            Map<String, String> env = Map.of("MEDIARELAY_CONFIG", dir.resolve("etc.yaml").toString());
            assertEquals("etc-file", config(List.of(), env).nodeId());
            assertEquals("other-file", config(List.of("--config", "other.yaml"), env).nodeId());
            ConfigException missing = assertThrows(ConfigException.class,
                    () -> config(List.of(), Map.of("MEDIARELAY_CONFIG", "/nonexistent/mediarelay.yaml")));
            assertEquals("config file /nonexistent/mediarelay.yaml (from $MEDIARELAY_CONFIG) does not exist",
                    missing.getMessage());
        }

        @Test
        void ipv6_listen_addresses_and_an_advertised_address_are_accepted() {
            MediarelayConfig c = config(List.of("--ng.listen=[::1]:2223", "--media.advertised=203.0.113.5"), Map.of());
            assertEquals("[0:0:0:0:0:0:0:1]:2223", c.ngListen().toString());
            assertEquals("203.0.113.5", c.mediaAdvertised());
        }
    }

    @Nested
    class InvalidValues {

        @Test
        void a_bad_port_range_names_the_key_value_source_and_reason() {
            assertEquals("media.ports = '40000-30000' (from --media.ports): port range must be <low>-<high> within "
                    + "1-65535 with low < high", error(List.of("--media.ports=40000-30000"), Map.of()));
        }

        @Test
        void a_bad_listen_address_from_the_environment_says_so() {
            assertEquals("ng.listen = 'localhost:2223' (from $MEDIARELAY_NG_LISTEN): 'localhost' is not an IP address "
                    + "(expected <ip>:<port>, e.g. 127.0.0.1:2223 or [::1]:2223)",
                    error(List.of(), Map.of("MEDIARELAY_NG_LISTEN", "localhost:2223")));
            assertTrue(error(List.of("--http.listen=127.0.0.1:99999"), Map.of()).endsWith("port must be 0-65535"));
            assertTrue(error(List.of("--http.listen=::1:80"), Map.of()).contains("need brackets"));
        }

        @Test
        void ports_bound_ahead_can_be_turned_off_but_not_made_negative() {
            assertEquals(0, config(List.of("--media.ready-pairs=0"), Map.of()).relayNode().readyPairs());
            assertEquals("media.ready-pairs = '-1' (from --media.ready-pairs): expected a whole number from 0 to 4096",
                    error(List.of("--media.ready-pairs=-1"), Map.of()));
        }

        @Test
        void a_media_interface_this_host_does_not_have_is_refused() {
            assertEquals("media.interface = '192.0.2.1' (from --media.interface): not an address of this host",
                    error(List.of("--media.interface=192.0.2.1"), Map.of()));
        }

        @Test
        void an_ipv6_media_interface_is_advertised_as_rfc_5952_writes_it() {
            assertEquals("::1", config(List.of("--media.interface=::1"), Map.of()).mediaAdvertised());
            assertEquals("2001:db8::5", config(List.of("--media.interface=::1",
                    "--media.advertised=2001:0db8:0:0:0:0:0:5"), Map.of()).mediaAdvertised());
        }

        @Test
        void a_wildcard_media_interface_needs_an_advertised_address() {
            assertEquals("media.advertised must be set when media.interface is 0.0.0.0 (peers cannot send to a "
                    + "wildcard address)", error(List.of("--media.interface=0.0.0.0"), Map.of()));
            assertEquals("203.0.113.5", config(List.of("--media.interface=0.0.0.0", "--media.advertised=203.0.113.5"),
                    Map.of()).mediaAdvertised());
        }

        @Test
        void several_media_interfaces_take_names_advertised_addresses_and_port_ranges_of_their_own() throws Exception {
            List<MediaInterface> m = config(List.of("--media.interfaces=internal/127.0.0.1, "
                    + "external/0.0.0.0!203.0.113.5/40000-40999,external/::1,127.0.0.1!192.0.2.9/41000-41999",
                    "--media.ports=50000-50999"), Map.of()).mediaInterfaces();
            PortRange ports = new PortRange(50000, 50999);
            assertEquals(List.of(
                    new MediaInterface("internal", InetAddress.getByName("127.0.0.1"), "127.0.0.1", ports),
                    new MediaInterface("external", InetAddress.getByName("0.0.0.0"), "203.0.113.5",
                            new PortRange(40000, 40999)),
                    new MediaInterface("external", InetAddress.getByName("::1"), "::1", ports),
                    new MediaInterface("default", InetAddress.getByName("127.0.0.1"), "192.0.2.9",
                            new PortRange(41000, 41999))), m);
        }

        @Test
        void media_interfaces_in_the_file_may_be_a_yaml_list() throws Exception {
            Files.writeString(dir.resolve("mediarelay.yaml"),
                    "media:\n  interfaces:\n    - internal/127.0.0.1\n    - external/::1\n");
            assertEquals(List.of("internal", "external"), config(List.of(), Map.of()).mediaInterfaces().stream()
                    .map(MediaInterface::name).toList());
        }

        @Test
        void a_bad_media_interface_entry_is_refused_naming_it_and_why() {
            assertEquals("media.interfaces = 'a/127.0.0.1,b/192.0.2.1' (from --media.interfaces): entry 'b/192.0.2.1': "
                    + "not an address of this host", error(List.of("--media.interfaces=a/127.0.0.1,b/192.0.2.1"),
                    Map.of()));
            assertEquals("media.interfaces = 'a/0.0.0.0' (from --media.interfaces): entry 'a/0.0.0.0': a wildcard "
                    + "bind address needs !ADVERTISED, the address peers send to",
                    error(List.of("--media.interfaces=a/0.0.0.0"), Map.of()));
            assertEquals("media.interfaces = 'a/127.0.0.1!::5' (from --media.interfaces): entry 'a/127.0.0.1!::5': "
                    + "interface a binds 127.0.0.1 but advertises ::5, of another address family",
                    error(List.of("--media.interfaces=a/127.0.0.1!::5"), Map.of()));
            assertEquals("media.interfaces = 'a/127.0.0.1,a/127.0.0.1!192.0.2.7' (from --media.interfaces): interface a "
                    + "has two IPv4 addresses; give each its own name",
                    error(List.of("--media.interfaces=a/127.0.0.1,a/127.0.0.1!192.0.2.7"), Map.of()));
            assertEquals("media.interfaces = 'a b/127.0.0.1' (from --media.interfaces): entry 'a b/127.0.0.1': "
                    + "interface name 'a b' must be letters, digits, _ . : or -",
                    error(List.of("--media.interfaces=a b/127.0.0.1"), Map.of()));
        }

        @Test
        void media_interfaces_and_media_interface_together_are_refused_rather_than_one_ignored() {
            assertEquals("media.interface (from --media.interface) and media.interfaces are both set: give the "
                    + "interface in media.interfaces", error(List.of("--media.interfaces=a/127.0.0.1",
                    "--media.interface=127.0.0.1"), Map.of()));
        }

        @Test
        void cdr_sizes_take_binary_units_and_anything_else_is_refused() {
            assertEquals(100L << 20, config(List.of("--cdr.file.max-size=100MiB"), Map.of()).cdr().fileMaxBytes());
            assertEquals(256L << 20, config(List.of(), Map.of()).cdr().backlogAlarmBytes());
            assertEquals("cdr.file.max-size = '100MB' (from --cdr.file.max-size): expected a size such as 0, 65536, "
                    + "64KiB, 100MiB or 2GiB", error(List.of("--cdr.file.max-size=100MB"), Map.of()));
            assertEquals("cdr.backlog.alarm = '0' (from $MEDIARELAY_CDR_BACKLOG_ALARM): expected a size above 0",
                    error(List.of(), Map.of("MEDIARELAY_CDR_BACKLOG_ALARM", "0")));
            assertEquals(4L << 30, config(List.of(), Map.of()).cdr().backlogMaxBytes());
            assertEquals("cdr.backlog.max (1048576 bytes) is below cdr.backlog.alarm (268435456 bytes): the alarm "
                    + "would never fire before CDRs are skipped", error(List.of("--cdr.backlog.max=1MiB"), Map.of()));
        }

        @Test
        void a_postgres_sink_needs_a_postgresql_url_and_an_error_does_not_repeat_its_password() {
            assertEquals("postgresql://cdr:secret@db.example:5432/billing", config(List.of(
                    "--cdr.postgres=postgresql://cdr:secret@db.example:5432/billing"), Map.of()).cdr().postgres()
                    .orElseThrow());
            assertEquals("cdr.postgres = '<hidden>' (from --cdr.postgres): expected "
                    + "postgresql://USER:PASSWORD@HOST:PORT/DATABASE", error(List.of("--cdr.postgres=mysql://u:pw@db/b"),
                    Map.of()), "the password is not repeated");
        }

        @Test
        void radius_needs_its_secret_and_the_secret_is_never_repeated() {
            assertEquals("cdr.radius and cdr.radius.secret go together: set both or neither",
                    error(List.of("--cdr.radius=127.0.0.1:1813"), Map.of()));
            CdrConfig.Radius r = config(List.of("--cdr.radius=127.0.0.1:1813", "--cdr.radius.secret=sesame"), Map.of())
                    .cdr().radius().orElseThrow();
            assertEquals(1813, r.server().port());
            assertEquals("sesame", r.secret());
            assertTrue(!r.toString().contains("sesame"), r.toString());
            assertEquals("cdr.radius.secret = '<hidden>' (from $MEDIARELAY_CDR_RADIUS_SECRET): the shared secret cannot "
                    + "be empty", error(List.of("--cdr.radius=127.0.0.1:1813"), Map.of("MEDIARELAY_CDR_RADIUS_SECRET", "")));
        }

        @Test
        void interim_records_are_off_by_default_and_never_more_often_than_a_minute() {
            assertEquals(Duration.ZERO, config(List.of(), Map.of()).cdr().interim());
            assertEquals(Duration.ofMinutes(15), config(List.of("--cdr.interim=15m"), Map.of()).cdr().interim());
            assertEquals("cdr.interim = '30s' (from --cdr.interim): expected 0 (none) or at least 1m",
                    error(List.of("--cdr.interim=30s"), Map.of()));
        }

        @Test
        void a_webhook_needs_an_http_url_and_its_token_needs_the_webhook() {
            assertEquals("https://billing.example/cdrs", config(List.of("--cdr.webhook=https://billing.example/cdrs"),
                    Map.of()).cdr().webhook().orElseThrow().url().toString());
            assertEquals("cdr.webhook = '<hidden>' (from --cdr.webhook): expected an http:// or https:// URL",
                    error(List.of("--cdr.webhook=ftp://billing.example/"), Map.of()));
            assertEquals("cdr.webhook.token is set but cdr.webhook is not",
                    error(List.of("--cdr.webhook.token=0123456789abcdef0123"), Map.of()));
        }

        @Test
        void dialog_end_lists_kamailio_and_opensips_by_protocol_and_refuses_anything_else() {
            assertEquals(List.of(), config(List.of(), Map.of()).dialogProxies());
            assertEquals(List.of(new DialogProxy(DialogProxy.Kind.KAMAILIO, URI.create("http://10.0.0.1:5071/RPC")),
                    new DialogProxy(DialogProxy.Kind.OPENSIPS, URI.create("http://10.0.0.2:8888/mi")),
                    new DialogProxy(DialogProxy.Kind.OPENSIPS, URI.create("udp://[::1]:8090"))),
                    config(List.of("--dialog.end=kamailio:http://10.0.0.1:5071/RPC, opensips:http://10.0.0.2:8888/mi,"
                            + "opensips:udp://[::1]:8090"), Map.of()).dialogProxies());
            String expected = "expected kamailio:http://HOST:PORT/PATH, opensips:http://HOST:PORT/mi or "
                    + "opensips:udp://HOST:PORT entries";
            assertEquals("dialog.end = 'kamailio:udp://10.0.0.1:5071' (from --dialog.end): 'kamailio:udp://10.0.0.1:5071'"
                    + ": " + expected, error(List.of("--dialog.end=kamailio:udp://10.0.0.1:5071"), Map.of()));
            assertEquals("dialog.end = 'freeswitch:http://h/' (from --dialog.end): 'freeswitch:http://h/': " + expected,
                    error(List.of("--dialog.end=freeswitch:http://h/"), Map.of()));
            assertEquals("dialog.end = 'opensips:udp://10.0.0.2' (from --dialog.end): 'opensips:udp://10.0.0.2' needs a "
                    + "host and a port", error(List.of("--dialog.end=opensips:udp://10.0.0.2"), Map.of()));
        }

        @Test
        void an_unknown_role_is_refused_naming_the_roles() {
            assertEquals("role = 'router' (from --role): expected all, dispatcher or relay",
                    error(List.of("--role=router"), Map.of()));
        }

        @Test
        void missing_files_and_unusable_directories_are_refused() throws Exception {
            assertEquals("cluster.config = 'nope.yaml' (from --cluster.config): no such file",
                    error(List.of("--cluster.config=nope.yaml"), Map.of()));
            Files.writeString(dir.resolve("afile"), "x");
            assertEquals("data.dir = 'afile' (from --data.dir): exists and is not a directory",
                    error(List.of("--data.dir=afile"), Map.of()));
            assertEquals("config file missing.yaml does not exist", error(List.of("--config", "missing.yaml"), Map.of()));
        }

        @Test
        void unknown_keys_and_stray_arguments_are_refused_with_the_list_of_keys() throws Exception {
            assertTrue(error(List.of("--ng.lisen=1"), Map.of()).startsWith("unknown key 'ng.lisen' in --ng.lisen (keys: role, ng.listen"));
            assertEquals("unexpected argument 'start' (expected --key=value or --config FILE)",
                    error(List.of("start"), Map.of()));
            Files.writeString(dir.resolve("mediarelay.yaml"), "media:\n  portz: 1-2\n");
            assertTrue(error(List.of(), Map.of()).startsWith("unknown key 'media.portz' in "));
        }

        @Test
        void a_broken_yaml_file_is_reported_in_one_line() throws Exception {
            Files.writeString(dir.resolve("mediarelay.yaml"), "ng: [unclosed\n");
            String e = error(List.of(), Map.of());
            assertTrue(e.startsWith("cannot read " + dir.resolve("mediarelay.yaml") + ": "), e);
            assertEquals(-1, e.indexOf('\n'));
            Files.writeString(dir.resolve("mediarelay.yaml"), "ng:\n  listen:\n    - a\n    - b\n");
            assertTrue(error(List.of(), Map.of()).startsWith("ng.listen = 'a,b' (from "),
                    "a list is its entries joined, which a single-valued key refuses");
        }

        @Test
        void file_values_are_read_as_written_not_as_yaml_1_1_numbers_booleans_or_dates() throws Exception {
            // SnakeYAML reads plain scalars as YAML 1.1 types: 0x1F became "31", "no" became "false", 2026-12-07 a
            // java.util.Date printed in the JVM's time zone, 1e3 became "1000.0".
            Files.writeString(dir.resolve("mediarelay.yaml"), "node.id: 0x1F\ncluster.name: no\n");
            MediarelayConfig c = config(List.of(), Map.of());
            assertEquals("0x1F", c.nodeId());
            assertEquals(Optional.of("no"), c.clusterName());
            Files.writeString(dir.resolve("mediarelay.yaml"), "node.id: 2026-12-07\ncluster.name: 1e3\n");
            c = config(List.of(), Map.of());
            assertEquals("2026-12-07", c.nodeId());
            assertEquals(Optional.of("1e3"), c.clusterName());
        }

        @Test
        void a_value_yaml_1_1_would_misread_as_a_number_is_refused_with_a_clear_message() throws Exception {
            // Found by ConfigFuzzTest: "._" matched SnakeYAML's float pattern, and its parse threw a bare
            // NumberFormatException out of the configuration (the fuzz corpus keeps the input).
            Files.writeString(dir.resolve("mediarelay.yaml"), "http.listen: ._\n");
            String e = error(List.of(), Map.of());
            assertTrue(e.startsWith("http.listen = '._' (from "), e);
            Files.writeString(dir.resolve("mediarelay.yaml"), "ng.listen:\n");
            assertTrue(error(List.of(), Map.of()).startsWith("ng.listen in "), "an empty value is still no value");
        }

        @Test
        void bad_names_are_refused() {
            assertTrue(error(List.of("--node.id=has space"), Map.of()).endsWith("expected 1-64 letters, digits, '.', '_' or '-'"));
        }
    }
}
