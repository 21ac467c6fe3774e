package org.mediarelay.control.launch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.logging.LogManager;

/**
 * One-line log records on stderr (stdout carries the ready line), Hazelcast and Netty at WARNING; under systemd (stderr
 * goes to the journal) in the journal's form ({@link JournalFormatter}). An operator's own
 * {@code -Djava.util.logging.config.file} wins.
 */
final class Logging {

    private Logging() {
    }

    static void configure() {
        System.setProperty("hazelcast.logging.type", System.getProperty("hazelcast.logging.type", "jdk"));
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream in = Logging.class.getResourceAsStream("/mediarelay-logging.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                if (System.getenv("JOURNAL_STREAM") != null) {
                    p.setProperty("java.util.logging.ConsoleHandler.formatter", JournalFormatter.class.getName());
                }
                StringWriter text = new StringWriter();
                p.store(text, null);
                LogManager.getLogManager().readConfiguration(
                        new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.ISO_8859_1)));
            }
        } catch (IOException e) {
            System.err.println("mediarelay: logging configuration not loaded: " + e.getMessage());
        }
    }
}
