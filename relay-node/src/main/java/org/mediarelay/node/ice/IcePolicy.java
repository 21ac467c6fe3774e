package org.mediarelay.node.ice;

import java.time.Duration;
import java.util.Objects;

/**
 * When a relay gives a stream up to a direct ICE path ({@link IceWatch}).
 *
 * @param mediaIdle      media relayed within this time (either way) means the stream is in use: it is never cut
 * @param checksQuiet    how long connectivity checks through the relay must have stopped, with no nomination and no
 *                       media, before that counts as ICE having settled elsewhere (consent checks on a selected pair
 *                       come every 5 s, RFC 7675, so a selected relay pair is never quiet this long)
 * @param nominatedQuiet the same after a nomination through the relay: how long nothing at all (no check, no
 *                       keepalive, no media) may cross before the nomination counts as one ICE did not keep. An
 *                       aggressive nominator (RFC 5245 §8.1.1.2) nominates every pair it checks, the relay's too, and
 *                       then uses the best; an agent without consent checks keeps a selected pair alive at least every
 *                       15 s (RFC 5245 §10), so this is longer than two of those
 */
public record IcePolicy(Duration mediaIdle, Duration checksQuiet, Duration nominatedQuiet) {

    public static final IcePolicy DEFAULT = new IcePolicy(Duration.ofSeconds(5), Duration.ofSeconds(12),
            Duration.ofSeconds(40));

    public IcePolicy {
        Objects.requireNonNull(mediaIdle);
        Objects.requireNonNull(checksQuiet);
        Objects.requireNonNull(nominatedQuiet);
    }
}
