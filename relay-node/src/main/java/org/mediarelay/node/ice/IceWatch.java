package org.mediarelay.node.ice;

/**
 * Whether ICE took one stream through the relay or around it, from evidence only: what crosses the relay (checks,
 * nominations, media) and what the signalling says (a re-offer that names its selected pair). A timer alone never
 * decides: when the direct path is blocked, ICE may take seconds to settle on the relay, and exactly those calls
 * need it.
 *
 * <p>Direct when both parties do ICE, nothing nominated the relay, no media crossed it lately, and either the
 * signalling named a selected pair that is not the relay, or checks crossed the relay and then stopped. Confined to
 * one thread; time in milliseconds of a monotonic clock.
 */
public final class IceWatch {

    /** What is known about one stream's ICE. */
    public enum State {
        /** At least one party does not do ICE: the relay is the path. */
        NOT_ICE,
        /** ICE nominated the relay (or the signalling said it selected it): the relay is the path. */
        THROUGH_RELAY,
        /** Not known yet. */
        UNDECIDED,
        /** ICE settled on a path around the relay. */
        DIRECT
    }

    private final long mediaIdle;
    private final long checksQuiet;
    private boolean callerIce;
    private boolean calleeIce;
    private boolean nominated;
    private boolean directSelected;
    private long checks;
    private long lastCheck;
    private long lastMedia = -1;

    public IceWatch(IcePolicy policy) {
        this.mediaIdle = policy.mediaIdle().toMillis();
        this.checksQuiet = policy.checksQuiet().toMillis();
    }

    /** Whether each party's latest SDP does ICE for this stream. */
    public void parties(boolean caller, boolean callee) {
        callerIce = caller;
        calleeIce = callee;
    }

    /**
     * A party's re-offer named the pair ICE selected (RFC 8445 §8.1.2, {@code a=remote-candidates}): through the
     * relay or not.
     */
    public void selected(boolean relay) {
        if (relay) {
            nominated = true;
        } else {
            directSelected = true;
        }
    }

    /** A STUN message crossed the relay; {@code nominates} when it was a Binding request with USE-CANDIDATE. */
    public void stun(boolean nominates, long now) {
        checks++;
        lastCheck = now;
        nominated |= nominates;
    }

    /** Media (RTP, RTCP, DTLS) crossed the relay, either way. */
    public void media(long now) {
        lastMedia = now;
    }

    public boolean mediaEver() {
        return lastMedia >= 0;
    }

    public State state(long now) {
        if (!callerIce || !calleeIce) {
            return State.NOT_ICE;
        }
        if (nominated) {
            return State.THROUGH_RELAY;
        }
        if (lastMedia >= 0 && now - lastMedia < mediaIdle) {
            return State.UNDECIDED;
        }
        if (directSelected || (checks > 0 && now - lastCheck >= checksQuiet)) {
            return State.DIRECT;
        }
        return State.UNDECIDED;
    }
}
