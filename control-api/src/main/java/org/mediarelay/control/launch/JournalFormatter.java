package org.mediarelay.control.launch;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * A log line for systemd's journal: the syslog priority as a {@code <N>} prefix (which journald reads, so that
 * {@code journalctl -p warning} works), no timestamp (the journal has its own), then the logger and the message. Used
 * when systemd connected stderr to the journal ({@code JOURNAL_STREAM} is set). A stack trace follows on lines of its
 * own at the record's priority.
 */
public final class JournalFormatter extends Formatter {

    /** syslog(3) priorities: err, warning, info, debug. */
    static int priority(Level level) {
        int v = level.intValue();
        return v >= Level.SEVERE.intValue() ? 3 : v >= Level.WARNING.intValue() ? 4 : v >= Level.INFO.intValue() ? 6 : 7;
    }

    @Override
    public String format(LogRecord r) {
        String prefix = "<" + priority(r.getLevel()) + ">";
        StringBuilder line = new StringBuilder(prefix).append(r.getLoggerName()).append(": ").append(formatMessage(r))
                .append('\n');
        if (r.getThrown() != null) {
            StringWriter trace = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(trace));
            trace.toString().lines().forEach(l -> line.append(prefix).append(l).append('\n'));
        }
        return line.toString();
    }
}
