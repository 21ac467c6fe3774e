package org.mediarelay.control.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A proxy that {@code dialog.end} asks to end the SIP dialog of a call the relay ended on its own, and how it is
 * reached: {@code kamailio:http://HOST:PORT/RPC} (Kamailio's JSON-RPC), {@code opensips:http://HOST:PORT/mi}
 * (OpenSIPS' {@code mi_http}) or {@code opensips:udp://HOST:PORT} (OpenSIPS' {@code mi_datagram}).
 */
public record DialogProxy(Kind kind, URI uri) {

    public enum Kind { KAMAILIO, OPENSIPS }

    /** The comma-separated entries of {@code dialog.end}; a malformed one is an {@link IllegalArgumentException}. */
    static List<DialogProxy> parseList(String value) {
        List<DialogProxy> out = new ArrayList<>();
        for (String entry : value.split(",")) {
            out.add(parse(entry.trim()));
        }
        return out;
    }

    static DialogProxy parse(String entry) {
        int colon = entry.indexOf(':');
        String kind = colon < 0 ? "" : entry.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? "" : entry.substring(colon + 1);
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException bad) {
            throw new IllegalArgumentException("'" + entry + "' is not a URL: " + bad.getMessage());
        }
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        boolean http = scheme.equals("http") || scheme.equals("https");
        DialogProxy proxy = switch (kind) {
            case "kamailio" -> http ? new DialogProxy(Kind.KAMAILIO, uri) : null;
            case "opensips" -> http || scheme.equals("udp") ? new DialogProxy(Kind.OPENSIPS, uri) : null;
            default -> null;
        };
        if (proxy == null) {
            throw new IllegalArgumentException("'" + entry + "': expected kamailio:http://HOST:PORT/PATH, "
                    + "opensips:http://HOST:PORT/mi or opensips:udp://HOST:PORT entries");
        }
        if (scheme.equals("udp") && (uri.getHost() == null || uri.getPort() < 0)) {
            throw new IllegalArgumentException("'" + entry + "' needs a host and a port");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + entry + "' names no host");
        }
        return proxy;
    }
}
