package org.mediarelay.node.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.mediarelay.node.port.PortRange;

/**
 * Media port ranges for tests: a random block in 20000-29999, below Linux's ephemeral range (32768+) so that client
 * sockets of other tests rarely sit in it. A port some other process holds is skipped by the node, as in production.
 * Blocks handed out in one JVM do not overlap (two relays of one test on the same block failed every bind of the
 * second: both take pairs from their range in the same order), until the space runs out and the oldest go back.
 */
public final class TestPorts {

    private static final int LOW = 20_000;
    private static final int SPACE = 10_000;
    private static final List<PortRange> GIVEN = new ArrayList<>();

    private TestPorts() {
    }

    public static synchronized PortRange block(int pairs) {
        int size = 2 * pairs;
        int blocks = SPACE / size;
        for (int attempt = 0; attempt < 4 * blocks; attempt++) {
            int start = LOW + size * ThreadLocalRandom.current().nextInt(blocks);
            PortRange candidate = new PortRange(start, start + size - 1);
            if (GIVEN.stream().noneMatch(g -> g.min() <= candidate.max() && candidate.min() <= g.max())) {
                GIVEN.add(candidate);
                return candidate;
            }
        }
        // Most of the space handed out: the oldest blocks' tests are long done.
        GIVEN.subList(0, GIVEN.size() / 2).clear();
        return block(pairs);
    }
}
