package org.mediarelay.dispatcher.command;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.mediarelay.sdp.SessionDescription;

/** The outcome of an offer or answer: the SDP to pass on, or why there is none. */
public sealed interface SdpOutcome permits SdpOutcome.Rewritten, Failure {

    /** The rewritten SDP to {@code rewritten}, a failure to {@code failed}; whichever this is. */
    default <R> R rewrittenOr(Function<? super Rewritten, ? extends R> rewritten,
                              Function<? super Failure, ? extends R> failed) {
        return this instanceof Rewritten w ? rewritten.apply(w) : failed.apply((Failure) this);
    }

    /**
     * The SDP for the other party, pointing at the relay; everything the relay did not need to change is as received.
     *
     * @param mediaAddress the relay's address the SDP names (empty when no stream is relayed)
     * @param notes        what was not done as asked, for the proxy (ng {@code warning})
     */
    record Rewritten(SessionDescription sdp, String mediaAddress, List<String> notes) implements SdpOutcome {

        public Rewritten {
            Objects.requireNonNull(sdp);
            Objects.requireNonNull(mediaAddress);
            notes = List.copyOf(notes);
        }

        public Rewritten(SessionDescription sdp) {
            this(sdp, "", List.of());
        }

        /** The body as it goes on the wire, one byte per char. */
        public byte[] bytes() {
            return sdp.toBytes();
        }

        /** The body as text, one char per byte. */
        public String text() {
            return sdp.serialize();
        }
    }
}
