package org.mediarelay.node.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.port.PortRange;

class TestPortsTest {

    @Test
    void blocks_handed_out_together_never_overlap() {
        List<PortRange> blocks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            blocks.add(TestPorts.block(80));
        }
        for (int i = 0; i < blocks.size(); i++) {
            for (int j = i + 1; j < blocks.size(); j++) {
                PortRange a = blocks.get(i);
                PortRange b = blocks.get(j);
                assertTrue(a.max() < b.min() || b.max() < a.min(), a + " and " + b);
                assertTrue(a.min() >= 20_000 && a.max() <= 29_999, a.toString());
            }
        }
    }
}
