package org.mediarelay.control.config;

/** A configuration that cannot start mediarelay. The message is one line naming the key, its source and the problem. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
