package org.mediarelay.control.mediaproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mediarelay.dispatcher.command.StreamsCommand.MediaLine;
import org.mediarelay.node.api.IpLiteral;

/**
 * The {@code media} header: streams separated by {@code ,}, each {@code type:ip:port:direction[:ice=yes|no]}. An IPv6
 * address has colons of its own, so the fields are read from both ends: type first, then from the right the ICE
 * flag, direction and port, and what is left is the address.
 */
final class MpMedia {

    private MpMedia() {
    }

    static List<MediaLine> parse(String header) {
        List<MediaLine> out = new ArrayList<>();
        for (String stream : header.split(",")) {
            out.add(stream(stream.trim()));
        }
        return out;
    }

    private static MediaLine stream(String s) {
        List<String> tail = new ArrayList<>(List.of(s.split(":")));
        if (tail.size() < 4) {
            throw new MpRequestException("media stream '" + s + "' is not type:ip:port:direction[:ice=yes|no]");
        }
        String type = tail.remove(0);
        boolean ice = false;
        String last = tail.get(tail.size() - 1);
        if (last.startsWith("ice=")) {
            ice = switch (last) {
                case "ice=yes" -> true;
                case "ice=no" -> false;
                default -> throw new MpRequestException("media stream '" + s + "': ice must be yes or no");
            };
            tail.remove(tail.size() - 1);
        }
        if (tail.size() < 3) {
            throw new MpRequestException("media stream '" + s + "' is not type:ip:port:direction[:ice=yes|no]");
        }
        String direction = tail.remove(tail.size() - 1);
        String portText = tail.remove(tail.size() - 1);
        String address = String.join(":", tail);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new MpRequestException("media stream '" + s + "': port '" + portText + "' is not a number");
        }
        if (port < 0 || port > 65534) {
            throw new MpRequestException("media stream '" + s + "': port " + port + " out of range");
        }
        Optional<java.net.InetAddress> ip = IpLiteral.parse(address);
        if (ip.isEmpty()) {
            throw new MpRequestException("media stream '" + s + "': '" + address + "' is not an IP address");
        }
        return new MediaLine(type, ip.filter(a -> !a.isAnyLocalAddress()), port, direction, ice);
    }
}
