package org.mediarelay.control.ng;

import java.util.Locale;

/** How an ng request arrived; UDP replies are kept compact (a fragmented reply gets lost and the proxy gives up). */
public enum NgTransport {
    UDP,
    TCP,
    HTTP;

    private final String label = "ng-" + name().toLowerCase(Locale.ROOT);

    /** The protocol label in metrics and access refusals: {@code ng-udp}. */
    public String label() {
        return label;
    }

    /** Whether replies may carry full per-party statistics. */
    boolean fullStatistics() {
        return this != UDP;
    }
}
