package org.mediarelay.sdp.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.SdpLine;
import org.mediarelay.sdp.SessionDescription;
import org.mediarelay.sdp.analysis.SdpAnalysis;
import org.mediarelay.sdp.analysis.StreamInfo;
import org.mediarelay.sdp.ice.CandidateType;
import org.mediarelay.sdp.ice.IceCandidate;
import org.mediarelay.sdp.ice.IcePriority;

/** What must hold of every mangled SDP; each check returns the violations it found (empty when all is well). */
final class Invariants {

    private Invariants() {
    }

    /** Relays for every stream the relay would carry, on distinct ports, all on one address. */
    static Map<Integer, RelayEndpoint> relaysFor(SessionDescription sdp, String address) {
        Map<Integer, RelayEndpoint> relays = new java.util.TreeMap<>();
        int port = 30000;
        for (StreamInfo s : SdpAnalysis.streams(sdp)) {
            if (s.relayable()) {
                relays.put(s.index(), RelayEndpoint.of(address, port, port + 1));
                port += 2;
            }
        }
        return relays;
    }

    /**
     * Relay-candidate mode: a relayed stream with ICE credentials has its default address and port among its
     * component-1 candidates (no ICE mismatch, the "broken" shape of the seed talk), its RTCP port among its
     * component-2 candidates when it has any, the relay candidates below every endpoint candidate of their component
     * and every priority we wrote within the RFC range.
     */
    static List<String> relayCandidateMode(SessionDescription in, SessionDescription out, Map<Integer, RelayEndpoint> relays) {
        List<String> bad = new ArrayList<>();
        List<StreamInfo> before = SdpAnalysis.streams(in);
        List<StreamInfo> after = SdpAnalysis.streams(out);
        for (int i : relays.keySet()) {
            StreamInfo s = after.get(i);
            if (!s.ice().hasCredentials()) {
                continue;
            }
            if (!s.hasMediaAddress()) {
                bad.add("stream " + i + ": ICE stream left without a default address");
                continue;
            }
            String address = s.address().orElse("");
            boolean matched = s.ice().candidates().stream().anyMatch(c -> c.component() == 1
                    && c.port() == s.port() && c.address().equalsIgnoreCase(address));
            if (!matched) {
                bad.add("stream " + i + ": default " + address + ":" + s.port() + " is in no candidate");
            }
            if (s.ice().hasComponent(2) && s.ice().candidates().stream().noneMatch(c -> c.component() == 2
                    && c.port() == relays.get(i).rtcpPort())) {
                bad.add("stream " + i + ": RTCP port " + relays.get(i).rtcpPort() + " is in no component-2 candidate");
            }
            List<IceCandidate> had = before.get(i).ice().candidates();
            for (IceCandidate c : s.ice().candidates()) {
                // Ours are the relay candidates the mangler added; one already in the input is the endpoint's.
                boolean ours = c.type().is(CandidateType.RELAY) && c.address().equals(relays.get(i).address())
                        && !had.contains(c);
                if (!ours) {
                    continue;
                }
                if (c.priority() > IcePriority.MAX || c.priority() < 1) {
                    bad.add("stream " + i + ": relay priority " + c.priority() + " outside 1..2^31-1");
                }
                long lowest = before.get(i).ice().candidates().stream().filter(e -> e.component() == c.component())
                        .mapToLong(IceCandidate::priority).min().orElse(Long.MAX_VALUE);
                if (lowest > 256 && c.priority() >= lowest) {
                    bad.add("stream " + i + ": relay priority " + c.priority() + " not below endpoint " + lowest);
                }
            }
        }
        return bad;
    }

    /** Sections the relay does not carry are byte-identical (REMOVE may add inherited credentials to them). */
    static List<String> untouchedSections(SessionDescription in, SessionDescription out, Map<Integer, RelayEndpoint> relays) {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < in.media().size(); i++) {
            if (relays.containsKey(i)) {
                continue;
            }
            MediaSection a = in.media().get(i);
            MediaSection b = out.media().get(i);
            if (!b.lines().subList(0, Math.min(a.lines().size(), b.lines().size())).equals(a.lines())) {
                bad.add("section " + i + " changed although the relay does not carry it");
            }
        }
        return bad;
    }

    static String text(List<SdpLine> lines) {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l.text()).append('\n'));
        return b.toString();
    }
}
