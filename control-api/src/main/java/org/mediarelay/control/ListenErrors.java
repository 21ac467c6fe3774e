package org.mediarelay.control;

import java.util.regex.Pattern;

/** The operator-facing text of a failure to listen: the OS's words, without the native transport's prefix. */
public final class ListenErrors {

    /** Netty's native transports say {@code bind(..) failed with error(-98): Address already in use}. */
    private static final Pattern NATIVE_PREFIX = Pattern.compile("^\\w+\\(\\.\\.\\) failed with error\\(-?\\d+\\): ");

    private ListenErrors() {
    }

    /** {@code "<key> <address>: <reason>"}, e.g. {@code ng.listen 127.0.0.1:2223: Address already in use}. */
    public static String describe(String key, Object address, Throwable failure) {
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return key + " " + address + ": " + NATIVE_PREFIX.matcher(reason).replaceFirst("");
    }
}
