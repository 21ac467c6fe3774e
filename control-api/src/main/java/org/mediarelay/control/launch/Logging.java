package org.mediarelay.control.launch;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;

/**
 * One-line log records on stderr (stdout carries the ready line), Hazelcast and Netty at WARNING. An operator's own
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
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (IOException e) {
            System.err.println("mediarelay: logging configuration not loaded: " + e.getMessage());
        }
    }
}
