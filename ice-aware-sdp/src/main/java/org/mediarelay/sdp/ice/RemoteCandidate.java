package org.mediarelay.sdp.ice;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code a=remote-candidates} (RFC 8839 §5.2): the controlling agent's statement, in an updated offer,
 * of which remote candidate it selected for a component.
 */
public record RemoteCandidate(int component, String address, int port) {

    public static final String NAME = "remote-candidates";
    public static final String EXPECTED = "a=remote-candidates:<component> <address> <port> [...]";

    /** Parses the value after {@code a=remote-candidates:}: one or more triples. */
    public static List<RemoteCandidate> parseAll(String value) {
        List<String> t = new ArrayList<>();
        for (String s : value.split(" ")) {
            if (!s.isEmpty()) {
                t.add(s);
            }
        }
        if (t.isEmpty() || t.size() % 3 != 0) {
            throw new IllegalArgumentException(EXPECTED);
        }
        List<RemoteCandidate> out = new ArrayList<>(t.size() / 3);
        try {
            for (int i = 0; i < t.size(); i += 3) {
                int component = Integer.parseInt(t.get(i));
                int port = Integer.parseInt(t.get(i + 2));
                if (component < 1 || component > 256 || port < 0 || port > 65535) {
                    throw new IllegalArgumentException(EXPECTED);
                }
                out.add(new RemoteCandidate(component, t.get(i + 1), port));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(EXPECTED, e);
        }
        return out;
    }
}
