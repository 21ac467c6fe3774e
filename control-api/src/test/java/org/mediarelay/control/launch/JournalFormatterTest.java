package org.mediarelay.control.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JournalFormatterTest {

    private static String format(Level level, String message, Throwable thrown) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName("org.mediarelay.Example");
        r.setThrown(thrown);
        return new JournalFormatter().format(r);
    }

    @Test
    void each_level_carries_its_syslog_priority_for_journald_and_no_timestamp() {
        assertEquals("<3>org.mediarelay.Example: disk full\n", format(Level.SEVERE, "disk full", null));
        assertEquals("<4>org.mediarelay.Example: slow sink\n", format(Level.WARNING, "slow sink", null));
        assertEquals("<6>org.mediarelay.Example: ready\n", format(Level.INFO, "ready", null));
        assertEquals("<7>org.mediarelay.Example: detail\n", format(Level.FINE, "detail", null));
    }

    @Test
    void every_line_of_a_stack_trace_keeps_the_records_priority() {
        String text = format(Level.SEVERE, "write failed", new IllegalStateException("boom"));
        assertTrue(text.startsWith("<3>org.mediarelay.Example: write failed\n<3>java.lang.IllegalStateException: boom\n"),
                text);
        assertTrue(text.lines().allMatch(l -> l.startsWith("<3>")), text);
    }
}
