package org.mediarelay.control.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.mediarelay.node.api.IpLiteral;

/** A listen address: an IP literal and a port ({@code 127.0.0.1:2223}, {@code [::1]:2223}); port 0 picks a free one. */
public record HostPort(InetAddress address, int port) {

    static final String EXPECTED = "expected <ip>:<port>, e.g. 127.0.0.1:2223 or [::1]:2223";

    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException(EXPECTED);
        }
        String host = text.substring(0, colon);
        if (host.indexOf(':') >= 0 && !(host.startsWith("[") && host.endsWith("]"))) {
            throw new IllegalArgumentException("IPv6 addresses need brackets: [" + host + "]:port");
        }
        InetAddress address = IpLiteral.parse(host).orElseThrow(() -> new IllegalArgumentException(
                "'" + host + "' is not an IP address (" + EXPECTED + ")"));
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(EXPECTED);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
        return new HostPort(address, port);
    }

    public HostPort withPort(int newPort) {
        return new HostPort(address, newPort);
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** The address as Vert.x's listen methods take it. */
    public String host() {
        return address.getHostAddress();
    }

    @Override
    public String toString() {
        String ip = address.getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }
}
