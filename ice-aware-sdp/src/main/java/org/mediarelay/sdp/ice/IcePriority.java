package org.mediarelay.sdp.ice;

/**
 * Candidate priorities, RFC 8445 §5.1.2.1:
 *
 * <blockquote>priority = (2^24)*(type preference) + (2^8)*(local preference) + (2^0)*(256 - component ID)</blockquote>
 *
 * "The type preference MUST be an integer from 0 (lowest preference) to 126 (highest preference)", the local
 * preference from 0 to 65535, and the component ID from 1 to 256, so the highest valid priority is 2^31 - 1.
 */
public final class IcePriority {

    /** The largest valid priority: RFC 8445 §5.1.2.1 "MUST be a positive integer between 1 and (2^31 - 1)". */
    public static final long MAX = (1L << 31) - 1;
    /** RFC 8445 §5.1.2.2 recommends 0 for relayed candidates: any direct path is preferred. */
    public static final int TYPE_PREFERENCE_RELAY = 0;
    public static final int MAX_LOCAL_PREFERENCE = 65535;

    private IcePriority() {
    }

    public static long of(int typePreference, int localPreference, int componentId) {
        if (typePreference < 0 || typePreference > 126) {
            throw new IllegalArgumentException("type preference must be 0..126: " + typePreference);
        }
        if (localPreference < 0 || localPreference > MAX_LOCAL_PREFERENCE) {
            throw new IllegalArgumentException("local preference must be 0..65535: " + localPreference);
        }
        if (componentId < 1 || componentId > 256) {
            throw new IllegalArgumentException("component ID must be 1..256: " + componentId);
        }
        return (1L << 24) * typePreference + (1L << 8) * localPreference + (256 - componentId);
    }

    /**
     * The priority of a relay candidate for this component: type preference 0 and the highest local preference
     * that still puts it strictly below {@code belowPriority} (the lowest endpoint candidate of the component).
     * With no endpoint candidate, or none as low as that, this is 16777215 for component 1 and 16777214 for 2.
     * When an endpoint candidate is so low that no relay priority fits under it (below 257 - component), the lowest
     * formula value, local preference 0, is used; it is then equal to or above that candidate, never invalid.
     */
    public static long relayBelow(long belowPriority, int componentId) {
        long best = of(TYPE_PREFERENCE_RELAY, MAX_LOCAL_PREFERENCE, componentId);
        if (best < belowPriority) {
            return best;
        }
        long localPreference = (belowPriority - 1 - (256 - componentId)) >> 8;
        return of(TYPE_PREFERENCE_RELAY, (int) Math.max(0, localPreference), componentId);
    }
}
