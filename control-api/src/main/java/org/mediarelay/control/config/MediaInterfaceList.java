package org.mediarelay.control.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.port.MediaInterfaces;
import org.mediarelay.node.port.PortRange;

/**
 * Parses {@code media.interfaces}: comma-separated entries {@code [NAME/]BIND[!ADVERTISED][/LOW-HIGH]}, the form of
 * rtpengine's {@code interface} option with a port range of its own. IPv6 literals need no brackets: their colons
 * are not separators here.
 */
final class MediaInterfaceList {

    private MediaInterfaceList() {
    }

    /**
     * @param ports     the range of entries that give none ({@code media.ports})
     * @param localBind checks a bind address is this host's (or the wildcard)
     */
    static List<MediaInterface> parse(String value, PortRange ports, Function<String, InetAddress> localBind) {
        List<MediaInterface> out = new ArrayList<>();
        for (String raw : value.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("an empty entry; expected [NAME/]BIND[!ADVERTISED][/LOW-HIGH], ...");
            }
            try {
                out.add(entry(entry, ports, localBind));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entry '" + entry + "': " + e.getMessage(), e);
            }
        }
        try {
            return new MediaInterfaces(out).all();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static MediaInterface entry(String entry, PortRange defaultPorts, Function<String, InetAddress> localBind) {
        String[] parts = entry.split("/", -1);
        String name = MediaInterface.DEFAULT_NAME;
        String addresses;
        PortRange ports = defaultPorts;
        if (parts.length == 1) {
            addresses = parts[0];
        } else if (parts.length == 2 && looksLikePorts(parts[1])) {
            addresses = parts[0];
            ports = PortRange.parse(parts[1]);
        } else if (parts.length == 2) {
            name = parts[0];
            addresses = parts[1];
        } else if (parts.length == 3) {
            name = parts[0];
            addresses = parts[1];
            ports = PortRange.parse(parts[2]);
        } else {
            throw new IllegalArgumentException("expected [NAME/]BIND[!ADVERTISED][/LOW-HIGH]");
        }
        int bang = addresses.indexOf('!');
        String bindText = bang < 0 ? addresses : addresses.substring(0, bang);
        InetAddress bind = localBind.apply(bindText);
        String advertised = bang < 0 ? IpLiteral.text(bind) : addresses.substring(bang + 1);
        if (bang < 0 && bind.isAnyLocalAddress()) {
            throw new IllegalArgumentException("a wildcard bind address needs !ADVERTISED, the address peers send to");
        }
        return new MediaInterface(name, bind, advertised, ports);
    }

    private static boolean looksLikePorts(String s) {
        return s.matches("\\s*\\d+\\s*-\\s*\\d+\\s*");
    }
}
