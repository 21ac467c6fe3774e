package org.mediarelay.sdp.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.SdpLine;
import org.mediarelay.sdp.ice.IceCandidate;
import org.mediarelay.sdp.ice.RemoteCandidate;

/** Gathers a stream's ICE attributes, media level first, then session level. */
final class IceAnalysis {

    private IceAnalysis() {
    }

    static IceInfo of(MediaSection section, List<SdpLine> sessionLines, Optional<String> defaultAddress, int port) {
        Optional<String> ufrag = value(section, sessionLines, "ice-ufrag");
        Optional<String> pwd = value(section, sessionLines, "ice-pwd");
        boolean lite = has(sessionLines, "ice-lite") || section.hasAttribute("ice-lite");
        List<String> options = value(section, sessionLines, "ice-options")
                .map(v -> Arrays.stream(v.trim().split(" +")).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        List<IceCandidate> candidates = new ArrayList<>();
        List<RemoteCandidate> remote = new ArrayList<>();
        boolean end = false;
        for (SdpLine l : section.lines()) {
            if (l.isAttribute(IceCandidate.NAME)) {
                candidates.add(IceCandidate.parse(l.attributeValue().orElse("")));
            } else if (l.isAttribute(RemoteCandidate.NAME)) {
                remote.addAll(RemoteCandidate.parseAll(l.attributeValue().orElse("")));
            } else if (l.isAttribute("end-of-candidates")) {
                end = true;
            }
        }
        end = end || has(sessionLines, "end-of-candidates");
        Optional<IceCandidate> selected = remote.isEmpty() || defaultAddress.isEmpty()
                ? Optional.empty()
                : candidates.stream()
                        .filter(c -> c.component() == 1 && c.port() == port
                                && c.address().equalsIgnoreCase(defaultAddress.get()))
                        .findFirst();
        return new IceInfo(ufrag, pwd, lite, options, candidates, end, remote, selected);
    }

    private static Optional<String> value(MediaSection section, List<SdpLine> sessionLines, String name) {
        return section.attribute(name).flatMap(SdpLine::attributeValue)
                .or(() -> sessionLines.stream().filter(l -> l.isAttribute(name)).findFirst()
                        .flatMap(SdpLine::attributeValue));
    }

    private static boolean has(List<SdpLine> lines, String name) {
        return lines.stream().anyMatch(l -> l.isAttribute(name));
    }
}
