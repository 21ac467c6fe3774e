package org.mediarelay.sdp.analysis;

import java.util.List;
import java.util.Optional;
import org.mediarelay.sdp.ice.IceCandidate;
import org.mediarelay.sdp.ice.RemoteCandidate;

/**
 * The ICE facts of one stream, with session-level attributes already applied (RFC 8839 §5.4: media-level
 * {@code ice-ufrag}/{@code ice-pwd} override session-level ones).
 *
 * @param selected in an updated offer that carries {@code a=remote-candidates}, the local candidate the default
 *                 address and port name: the pair ICE selected (RFC 8839 §4.2.3); empty otherwise
 */
public record IceInfo(Optional<String> ufrag, Optional<String> pwd, boolean lite, List<String> options,
                      List<IceCandidate> candidates, boolean endOfCandidates, List<RemoteCandidate> remoteCandidates,
                      Optional<IceCandidate> selected) {

    public IceInfo {
        options = List.copyOf(options);
        candidates = List.copyOf(candidates);
        remoteCandidates = List.copyOf(remoteCandidates);
    }

    /** The party can do ICE on this stream: it gave credentials. */
    public boolean hasCredentials() {
        return ufrag.isPresent() && pwd.isPresent();
    }

    /** ICE is offered with candidates: credentials and at least one candidate. */
    public boolean isPresent() {
        return hasCredentials() && !candidates.isEmpty();
    }

    /** An updated offer naming the pair ICE selected: the relay can tell whether that pair goes through it. */
    public boolean isReofferWithSelectedPair() {
        return selected.isPresent();
    }

    public boolean hasComponent(int component) {
        return candidates.stream().anyMatch(c -> c.component() == component);
    }
}
