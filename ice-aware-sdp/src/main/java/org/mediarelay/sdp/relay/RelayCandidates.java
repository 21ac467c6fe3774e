package org.mediarelay.sdp.relay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.SdpLine;
import org.mediarelay.sdp.ice.CandidateType;
import org.mediarelay.sdp.ice.IceCandidate;
import org.mediarelay.sdp.ice.IcePriority;

/**
 * Inserts the relay as an ICE candidate of a stream, so that the rewritten default address is itself a candidate.
 * Without it the peer sees a default destination that is in no {@code a=candidate} line, an ICE mismatch
 * (RFC 8839 §4.3.2 / RFC 8445 §5.4), and gives up on ICE.
 *
 * <p>The lines go before the first endpoint candidate: {@code typ relay}, component 1 on the relay's RTP port and,
 * when the endpoint offered component 2, component 2 on its RTCP port, {@code raddr}/{@code rport} set to the relay
 * address (RFC 5245 §15.1: non-host candidates carry them), each priority below every endpoint candidate of its
 * component ({@link IcePriority#relayBelow}), and a foundation derived from the relay address only, so that the same
 * relay always gives the same foundation and it differs from every endpoint foundation.
 */
public final class RelayCandidates {

    /** RFC 8839 §5.1: a foundation is 1 to 32 ice-chars. */
    private static final int MAX_FOUNDATION = 32;

    private RelayCandidates() {
    }

    public static UnaryOperator<MediaSection> inserted(RelayEndpoint relay) {
        return m -> {
            List<IceCandidate> endpoint = new ArrayList<>();
            int firstCandidate = -1;
            int endOfCandidates = -1;
            for (int i = 0; i < m.lines().size(); i++) {
                SdpLine l = m.lines().get(i);
                if (l.isAttribute(IceCandidate.NAME)) {
                    endpoint.add(IceCandidate.parse(l.attributeValue().orElse("")));
                    firstCandidate = firstCandidate < 0 ? i : firstCandidate;
                } else if (l.isAttribute("end-of-candidates") && endOfCandidates < 0) {
                    endOfCandidates = i;
                }
            }
            boolean component2 = endpoint.stream().anyMatch(c -> c.component() == 2);
            String foundation = foundation(relay, endpoint);
            List<SdpLine> add = new ArrayList<>(2);
            addUnlessPresent(add, endpoint, candidate(foundation, 1, relay.rtpPort(), relay, endpoint), m.lineEnding());
            if (component2) {
                addUnlessPresent(add, endpoint, candidate(foundation, 2, relay.rtcpPort(), relay, endpoint), m.lineEnding());
            }
            int at = firstCandidate >= 0 ? firstCandidate : endOfCandidates >= 0 ? endOfCandidates : m.lines().size();
            MediaSection out = m;
            for (int i = add.size() - 1; i >= 0; i--) {
                out = out.insertLine(at, add.get(i));
            }
            return out;
        };
    }

    /** {@code R} and the relay's IPv4 address in hex ({@code R5511ba06}), or a CRC32 of another address. */
    static String foundation(RelayEndpoint relay, List<IceCandidate> endpoint) {
        String base = "R" + addressHex(relay.address());
        Set<String> taken = new HashSet<>();
        endpoint.forEach(c -> taken.add(c.foundation()));
        String f = base;
        while (taken.contains(f) && f.length() < MAX_FOUNDATION) {
            f = f + "r";
        }
        return f;
    }

    private static String addressHex(String address) {
        String[] quad = address.split("\\.");
        if (quad.length == 4 && address.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            StringBuilder b = new StringBuilder(8);
            for (String q : quad) {
                b.append(HexFormat.of().toHexDigits((byte) Integer.parseInt(q)));
            }
            return b.toString();
        }
        CRC32 crc = new CRC32();
        crc.update(address.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    private static IceCandidate candidate(String foundation, int component, int port, RelayEndpoint relay,
                                          List<IceCandidate> endpoint) {
        long lowest = endpoint.stream().filter(c -> c.component() == component)
                .mapToLong(IceCandidate::priority).min().orElse(Long.MAX_VALUE);
        return new IceCandidate(foundation, component, "UDP", IcePriority.relayBelow(lowest, component),
                relay.address(), port, CandidateType.RELAY, Optional.of(relay.address()),
                OptionalInt.of(port), List.of());
    }

    /** A relay candidate already there (the same SDP mangled twice) is not repeated. */
    private static void addUnlessPresent(List<SdpLine> add, List<IceCandidate> endpoint, IceCandidate c, String eol) {
        boolean present = endpoint.stream().anyMatch(e -> e.type().is(CandidateType.RELAY)
                && e.component() == c.component() && e.port() == c.port() && e.address().equalsIgnoreCase(c.address()));
        if (!present) {
            add.add(new SdpLine('a', IceCandidate.NAME + ":" + c.format(), eol));
        }
    }
}
