package org.mediarelay.control.config;

import java.util.Locale;

/** What one mediarelay process runs. */
public enum Role {
    /** Dispatcher, one relay node, accounting and the control API in one JVM: the embedded default. */
    ALL;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }
}
