package org.mediarelay.node.ice;

/**
 * Whether ICE took one stream through the relay or around it, from evidence only: what crosses the relay (checks,
 * keepalives, media) and what the signalling says (a re-offer that names its selected pair). A timer alone never
 * decides: when the direct path is blocked, ICE may take seconds to settle on the relay, and exactly those calls
 * need it.
 *
 * <p>A nomination through the relay (USE-CANDIDATE) decides nothing by itself: the relay's candidate has the lowest
 * priority, and an agent that nominates aggressively (RFC 5245 §8.1.1.2) puts USE-CANDIDATE on every check, the
 * relay's included, and then uses the best pair that worked. What ICE keeps, it keeps using: media, consent checks
 * (RFC 7675) or keepalives (RFC 5245 §10) go on crossing a selected pair. So the relay is the path while media
 * crosses it, or when the signalling says so (a re-offer naming the relay in {@code a=remote-candidates}).
 *
 * <p>Direct when both parties do ICE, no media crossed lately, and either the signalling named a selected pair that
 * is not the relay, or checks crossed the relay and then stopped ({@link IcePolicy#checksQuiet()}; after a
 * nomination through the relay, nothing at all may cross for {@link IcePolicy#nominatedQuiet()}). Confined to one
 * thread; time in milliseconds of a monotonic clock.
 */
public final class IceWatch {

    /** What is known about one stream's ICE. */
    public enum State {
        /** At least one party does not do ICE: the relay is the path. */
        NOT_ICE,
        /** The signalling said ICE selected the relay: the relay is the path. */
        THROUGH_RELAY,
        /** Not known yet (media crossing the relay keeps it so). */
        UNDECIDED,
        /** ICE settled on a path around the relay. */
        DIRECT
    }

    private final long mediaIdle;
    private final long checksQuiet;
    private final long nominatedQuiet;
    private boolean callerIce;
    private boolean calleeIce;
    private boolean nominated;
    private boolean relaySelected;
    private boolean directSelected;
    private long checks;
    private long lastCheck;
    private long lastMedia = -1;

    public IceWatch(IcePolicy policy) {
        this.mediaIdle = policy.mediaIdle().toMillis();
        this.checksQuiet = policy.checksQuiet().toMillis();
        this.nominatedQuiet = policy.nominatedQuiet().toMillis();
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
            relaySelected = true;
        } else {
            directSelected = true;
        }
    }

    /**
     * A STUN request or indication (a check, a consent check, a keepalive) crossed the relay; {@code nominates} when it
     * was a Binding request with USE-CANDIDATE.
     */
    public void stun(boolean nominates, long now) {
        checks++;
        lastCheck = now;
        nominated |= nominates;
    }

    /** Media (RTP, RTCP, DTLS, ...) crossed the relay, either way. */
    public void media(long now) {
        lastMedia = now;
    }

    public boolean mediaEver() {
        return lastMedia >= 0;
    }

    /** A check through the relay carried USE-CANDIDATE (evidence only together with what followed it). */
    public boolean nominatedThroughRelay() {
        return nominated;
    }

    public State state(long now) {
        if (!callerIce || !calleeIce) {
            return State.NOT_ICE;
        }
        if (relaySelected) {
            return State.THROUGH_RELAY;
        }
        if (lastMedia >= 0 && now - lastMedia < mediaIdle) {
            return State.UNDECIDED;
        }
        if (directSelected) {
            return State.DIRECT;
        }
        if (checks == 0) {
            return State.UNDECIDED;
        }
        if (!nominated) {
            return now - lastCheck >= checksQuiet ? State.DIRECT : State.UNDECIDED;
        }
        long lastAnything = Math.max(lastCheck, lastMedia);
        return now - lastAnything >= nominatedQuiet ? State.DIRECT : State.UNDECIDED;
    }
}
