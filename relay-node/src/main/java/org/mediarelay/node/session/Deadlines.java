package org.mediarelay.node.session;

import java.util.List;
import java.util.Optional;
import org.mediarelay.node.api.ExpiryReason;

/**
 * Whether a session has expired, and if not, when to look again. Pure: the session's facts go in, a verdict comes
 * out, so every rule is tested on plain numbers.
 */
public final class Deadlines {

    private Deadlines() {
    }

    /**
     * What matters of one relayed stream.
     *
     * @param lastActivity monotonic ms of its last packet, or of the last signalling event when later (a re-INVITE
     *                     that takes a call off hold starts the count again)
     * @param onHold       the latest SDP of a party put it on hold
     */
    public record StreamFacts(long lastActivity, boolean onHold) {
    }

    /**
     * @param created     monotonic ms of the first offer
     * @param answeredAt  monotonic ms of the first answer, if any
     * @param streams     the streams still relayed (those that went direct by ICE are not)
     */
    public record SessionFacts(long created, Optional<Long> answeredAt, List<StreamFacts> streams) {
    }

    /** The verdict: expired for a reason, or the time of the next look. */
    public record Verdict(Optional<ExpiryReason> expired, long nextCheck) {
    }

    public static Verdict evaluate(SessionFacts s, long now, TimeoutPolicy p) {
        long next = Long.MAX_VALUE;
        if (!p.maxDuration().isZero()) {
            long at = s.created() + p.maxDuration().toMillis();
            if (now >= at) {
                return new Verdict(Optional.of(ExpiryReason.MAX_DURATION), now);
            }
            next = at;
        }
        if (s.answeredAt().isEmpty()) {
            long at = s.created() + p.offerWithoutAnswer().toMillis();
            if (now >= at) {
                return new Verdict(Optional.of(ExpiryReason.OFFER_TIMEOUT), now);
            }
            return new Verdict(Optional.empty(), Math.min(next, at));
        }
        if (s.streams().isEmpty()) {
            return new Verdict(Optional.empty(), next);
        }
        long answered = s.answeredAt().get();
        long latest = Long.MIN_VALUE;
        boolean allOnHold = true;
        for (StreamFacts f : s.streams()) {
            long timeout = (f.onHold() ? p.onHold() : p.noMedia()).toMillis();
            long at = Math.max(f.lastActivity(), answered) + timeout;
            latest = Math.max(latest, at);
            allOnHold &= f.onHold();
        }
        if (now >= latest) {
            return new Verdict(Optional.of(allOnHold ? ExpiryReason.ON_HOLD_TIMEOUT : ExpiryReason.NO_MEDIA), now);
        }
        return new Verdict(Optional.empty(), Math.min(next, latest));
    }
}
