package org.mediarelay.control.config;

import java.util.Locale;
import java.util.Optional;

/** What one mediarelay process runs. */
public enum Role {
    /** Dispatcher, a relay node, accounting and the control API in one JVM: the embedded default. */
    ALL,
    /** Control (ng, MediaProxy, REST) and accounting; calls go to the relay nodes of the cluster. */
    DISPATCHER,
    /** A relay node only: it joins the cluster, reports its load and carries media. */
    RELAY;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean runsDispatcher() {
        return this != RELAY;
    }

    public boolean runsRelay() {
        return this != DISPATCHER;
    }

    public static Optional<Role> fromToken(String token) {
        for (Role r : values()) {
            if (r.token().equals(token)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
