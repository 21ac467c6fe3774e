package org.mediarelay.node.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenFileLimitTest {

    private static final PortRange TEN_THOUSAND_PORTS = new PortRange(30000, 39999);

    @Test
    void a_limit_that_covers_every_port_and_the_reserve_gives_no_warning() {
        assertEquals(Optional.empty(), OpenFileLimit.warning(10_000 + OpenFileLimit.RESERVE, TEN_THOUSAND_PORTS));
        assertEquals(Optional.empty(), OpenFileLimit.warning(1_048_576, TEN_THOUSAND_PORTS));
    }

    @Test
    void a_lower_limit_is_named_with_what_it_allows_and_what_to_raise_it_to() {
        String w = OpenFileLimit.warning(4_608, TEN_THOUSAND_PORTS).orElseThrow();
        assertTrue(w.contains("open-file limit (4608)"), w);
        assertTrue(w.contains("at most about 1024 streams"), w);
        assertTrue(w.contains("raise it to 10512"), w);
    }

    @Test
    void the_current_limit_is_the_soft_limit_the_kernel_reports() throws Exception {
        String line = Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(l -> l.startsWith("Max open files")).findFirst().orElseThrow();
        long soft = Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
        assertEquals(soft, OpenFileLimit.current().orElseThrow());
    }
}
