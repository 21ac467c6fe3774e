package org.mediarelay.node.port;

import java.net.InetAddress;
import java.util.Objects;
import org.mediarelay.node.api.AddressFamily;
import org.mediarelay.node.api.IpLiteral;

/**
 * One address a node relays media on ({@code media.interfaces}). Several entries may share a name: together they are
 * one logical interface (as rtpengine's are), typically one IPv4 and one IPv6 address of the same network.
 *
 * @param name       the logical interface this address belongs to ({@value #DEFAULT_NAME} when not named)
 * @param bind       the local address its sockets bind to
 * @param advertised the address written into SDP (an IP literal; the bind address unless behind 1:1 NAT)
 * @param ports      its media port range
 */
public record MediaInterface(String name, InetAddress bind, String advertised, PortRange ports) {

    public static final String DEFAULT_NAME = "default";

    public MediaInterface {
        Objects.requireNonNull(bind);
        Objects.requireNonNull(ports);
        if (!name.matches("[A-Za-z0-9_.:-]+")) {
            throw new IllegalArgumentException("interface name '" + name + "' must be letters, digits, _ . : or -");
        }
        String asGiven = advertised;
        InetAddress shown = IpLiteral.parse(asGiven).orElseThrow(() -> new IllegalArgumentException(
                "advertised address '" + asGiven + "' is not an IP address"));
        if (shown.isAnyLocalAddress()) {
            throw new IllegalArgumentException("interface " + name + " must advertise an address peers can send to, not "
                    + advertised);
        }
        boolean bindsAll = bind.isAnyLocalAddress() && AddressFamily.of(bind) == AddressFamily.IP6;
        if (!bindsAll && AddressFamily.of(bind) != AddressFamily.of(shown)) {
            throw new IllegalArgumentException("interface " + name + " binds " + IpLiteral.text(bind)
                    + " but advertises " + advertised + ", of another address family");
        }
        advertised = IpLiteral.text(shown);
    }

    /** An interface named {@value #DEFAULT_NAME}, advertising its bind address. */
    public static MediaInterface of(InetAddress bind, PortRange ports) {
        return new MediaInterface(DEFAULT_NAME, bind, IpLiteral.text(bind), ports);
    }

    /** The family of the address parties send to. */
    public AddressFamily family() {
        return AddressFamily.ofLiteral(advertised);
    }

    /** Whether a request naming an interface {@code asked} means this one: by name or by address. */
    public boolean answersTo(String asked) {
        return name.equals(asked) || advertised.equals(asked) || IpLiteral.text(bind).equals(asked);
    }

    @Override
    public String toString() {
        String at = IpLiteral.text(bind);
        return name + "/" + at + (advertised.equals(at) ? "" : "!" + advertised) + "/" + ports;
    }
}
