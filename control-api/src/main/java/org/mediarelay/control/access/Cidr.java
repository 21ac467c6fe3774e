package org.mediarelay.control.access;

import java.net.InetAddress;
import java.util.Objects;
import org.mediarelay.node.api.IpLiteral;

/** A network, {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a network of one. */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        Objects.requireNonNull(network);
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be 0.." + bits);
        }
    }

    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        InetAddress a = IpLiteral.parse(slash < 0 ? t : t.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an address or network"));
        int bits = a.getAddress().length * 8;
        if (slash < 0) {
            return new Cidr(a, bits);
        }
        String len = t.substring(slash + 1);
        if (!len.matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("'" + text + "': prefix length must be a number");
        }
        return new Cidr(a, Integer.parseInt(len));
    }

    public boolean contains(InetAddress a) {
        byte[] net = network.getAddress();
        byte[] addr = a.getAddress();
        if (net.length != addr.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (net[i] != addr[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (net[full] & mask) == (addr[full] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
