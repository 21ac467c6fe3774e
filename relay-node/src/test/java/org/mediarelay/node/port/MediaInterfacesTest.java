package org.mediarelay.node.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.AddressFamily;
import org.mediarelay.node.api.InterfaceChoice;

class MediaInterfacesTest {

    private static final PortRange PORTS = new PortRange(30000, 30099);
    private static final MediaInterface INTERNAL = face("internal", "10.0.0.5");
    private static final MediaInterface EXTERNAL = face("external", "192.0.2.5");
    private static final MediaInterface EXTERNAL_V6 = face("external", "2001:db8::5");
    private static final MediaInterfaces NODE = new MediaInterfaces(List.of(INTERNAL, EXTERNAL, EXTERNAL_V6));

    private static MediaInterface face(String name, String address) {
        try {
            return new MediaInterface(name, InetAddress.getByName(address), address, PORTS);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InterfaceChoice ask(String sender, String reader) {
        return new InterfaceChoice(Optional.ofNullable(sender), Optional.ofNullable(reader), Optional.empty());
    }

    private static MediaInterfaces.Chosen chosen(InterfaceChoice asked, AddressFamily sender) {
        return assertInstanceOf(MediaInterfaces.Chosen.class, NODE.choose(asked, Optional.ofNullable(sender)));
    }

    @Test
    void asked_for_nothing_both_sides_are_on_the_default_interface() {
        assertEquals(new MediaInterfaces.Chosen(INTERNAL, INTERNAL), chosen(InterfaceChoice.ANY, AddressFamily.IP4));
        assertEquals(new MediaInterfaces.Chosen(INTERNAL, INTERNAL), chosen(InterfaceChoice.ANY, null),
                "a sender without an address yet (a late offer) gets the default's first address");
    }

    @Test
    void a_direction_puts_each_side_on_the_interface_it_names_in_the_senders_family() {
        assertEquals(new MediaInterfaces.Chosen(INTERNAL, EXTERNAL), chosen(ask("internal", "external"),
                AddressFamily.IP4));
        assertEquals(new MediaInterfaces.Chosen(EXTERNAL, INTERNAL), chosen(ask("external", "internal"),
                AddressFamily.IP4));
        assertEquals(new MediaInterfaces.Chosen(EXTERNAL_V6, INTERNAL), chosen(ask("external", "internal"),
                AddressFamily.IP6), "the reader falls back to the interface's first address when it lacks the family");
        assertEquals(new MediaInterfaces.Chosen(EXTERNAL_V6, EXTERNAL_V6), chosen(ask("external", "external"),
                AddressFamily.IP6));
    }

    @Test
    void an_address_family_asked_for_the_reader_bridges_ipv6_and_ipv4() {
        InterfaceChoice toIpv4 = InterfaceChoice.ANY.withReaderFamily(Optional.of(AddressFamily.IP4));
        assertEquals(new MediaInterfaces.Chosen(EXTERNAL_V6, INTERNAL), chosen(toIpv4, AddressFamily.IP6),
                "an IPv6 sender is served where the node has IPv6, the IPv4 reader on the default");
        InterfaceChoice toIpv6 = ask(null, "external").withReaderFamily(Optional.of(AddressFamily.IP6));
        assertEquals(new MediaInterfaces.Chosen(INTERNAL, EXTERNAL_V6), chosen(toIpv6, AddressFamily.IP4));
    }

    @Test
    void an_interface_may_be_named_by_its_address() {
        assertEquals(new MediaInterfaces.Chosen(INTERNAL, EXTERNAL_V6), chosen(ask("10.0.0.5", "2001:db8::5"),
                AddressFamily.IP4), "an address names that one address, whatever the sender's family");
    }

    @Test
    void an_unknown_interface_or_a_sender_of_a_family_its_interface_lacks_is_refused() {
        assertEquals(new MediaInterfaces.UnknownInterface("dmz"),
                NODE.choose(ask("internal", "dmz"), Optional.of(AddressFamily.IP4)));
        assertEquals(new MediaInterfaces.NoFamily(AddressFamily.IP6, Optional.of("internal")),
                NODE.choose(ask("internal", "external"), Optional.of(AddressFamily.IP6)));
        MediaInterfaces v4only = new MediaInterfaces(List.of(INTERNAL));
        assertEquals(new MediaInterfaces.NoFamily(AddressFamily.IP6, Optional.empty()),
                v4only.choose(InterfaceChoice.ANY, Optional.of(AddressFamily.IP6)));
    }

    @Test
    void two_addresses_of_one_family_under_one_name_are_a_configuration_error() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MediaInterfaces(List.of(INTERNAL, face("internal", "10.0.0.6"))));
        assertEquals("interface internal has two IPv4 addresses; give each its own name", e.getMessage());
    }
}
