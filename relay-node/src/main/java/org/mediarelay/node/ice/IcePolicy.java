package org.mediarelay.node.ice;

import java.time.Duration;
import java.util.Objects;

/**
 * When a relay gives a stream up to a direct ICE path ({@link IceWatch}).
 *
 * @param mediaIdle   media relayed within this time (either way) means the stream is in use: it is never cut
 * @param checksQuiet how long connectivity checks through the relay must have stopped, with no nomination and no
 *                    media, before that counts as ICE having settled elsewhere (consent checks on a selected pair come
 *                    every 5 s, RFC 7675, so a selected relay pair is never quiet this long)
 */
public record IcePolicy(Duration mediaIdle, Duration checksQuiet) {

    public static final IcePolicy DEFAULT = new IcePolicy(Duration.ofSeconds(5), Duration.ofSeconds(12));

    public IcePolicy {
        Objects.requireNonNull(mediaIdle);
        Objects.requireNonNull(checksQuiet);
    }
}
