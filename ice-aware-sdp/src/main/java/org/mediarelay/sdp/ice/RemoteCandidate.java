package org.mediarelay.sdp.ice;

import java.util.ArrayList;
import java.util.List;
import org.mediarelay.sdp.CandidateSyntax;

/**
 * One entry of {@code a=remote-candidates} (RFC 8839 §5.2): the controlling agent's statement, in an updated offer,
 * of which remote candidate it selected for a component.
 */
public record RemoteCandidate(int component, String address, int port) {

    public static final String NAME = CandidateSyntax.REMOTE_CANDIDATES;
    public static final String EXPECTED = CandidateSyntax.REMOTE_CANDIDATES_EXPECTED;

    /** Parses the value after {@code a=remote-candidates:}: one or more triples ({@link CandidateSyntax}). */
    public static List<RemoteCandidate> parseAll(String value) {
        List<String> t = CandidateSyntax.remoteCandidates(value);
        List<RemoteCandidate> out = new ArrayList<>(t.size() / 3);
        for (int i = 0; i < t.size(); i += 3) {
            out.add(new RemoteCandidate(Integer.parseInt(t.get(i)), t.get(i + 1), Integer.parseInt(t.get(i + 2))));
        }
        return out;
    }
}
