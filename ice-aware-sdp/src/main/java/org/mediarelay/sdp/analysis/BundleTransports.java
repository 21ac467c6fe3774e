package org.mediarelay.sdp.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mediarelay.sdp.attribute.Group;

/**
 * Which relayable streams share one transport through BUNDLE (RFC 8843): streams of one {@code a=group:BUNDLE} that
 * give the same address and port send and receive all their media on that one 5-tuple, so the relay must give them
 * one port pair too — a pair per stream would split a transport the party treats as one.
 *
 * <p>Streams that are bundled but on distinct ports (an offerer's unique-address initial offer, RFC 8843 §7.2.1) keep
 * a transport each, exactly as the party described them.
 */
public final class BundleTransports {

    private BundleTransports() {
    }

    /**
     * For each stream (by index), the index of the stream whose transport it uses: its own index, or that of the
     * first stream of its BUNDLE group (in group order) on the same address and port.
     */
    public static int[] transportOf(List<StreamInfo> streams, List<Group> groups) {
        int[] transport = new int[streams.size()];
        for (int i = 0; i < transport.length; i++) {
            transport[i] = i;
        }
        Map<String, StreamInfo> byMid = new HashMap<>();
        for (StreamInfo s : streams) {
            s.mid().ifPresent(mid -> byMid.putIfAbsent(mid, s));
        }
        for (Group group : groups) {
            Map<String, Integer> first = new HashMap<>();
            for (String mid : group.mids()) {
                StreamInfo s = byMid.get(mid);
                Optional<String> key = s == null ? Optional.empty() : transportKey(s);
                if (key.isPresent()) {
                    Integer leader = first.putIfAbsent(key.get(), s.index());
                    if (leader != null && transport[s.index()] == s.index()) {
                        transport[s.index()] = leader;
                    }
                }
            }
        }
        return transport;
    }

    /** Address and port of a stream the relay carries; none for one it does not. */
    private static Optional<String> transportKey(StreamInfo s) {
        return s.relayable() ? s.address().map(a -> a + " " + s.port()) : Optional.empty();
    }
}
