package org.mediarelay.node.testing;

import java.util.concurrent.ThreadLocalRandom;
import org.mediarelay.node.port.PortRange;

/**
 * Media port ranges for tests: a random block in 20000-29999, below Linux's ephemeral range (32768+) so that client
 * sockets of other tests rarely sit in it. A port some other process holds is skipped by the node, as in production.
 */
public final class TestPorts {

    private TestPorts() {
    }

    public static PortRange block(int pairs) {
        int blocks = 10_000 / (2 * pairs);
        int start = 20_000 + 2 * pairs * ThreadLocalRandom.current().nextInt(blocks);
        return new PortRange(start, start + 2 * pairs - 1);
    }
}
