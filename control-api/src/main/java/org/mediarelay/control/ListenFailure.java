package org.mediarelay.control;

import java.net.BindException;
import java.util.regex.Pattern;

/**
 * A listener that could not bind, in the operator's words: {@code "<key> <address>: <reason>"}, e.g.
 * {@code ng.listen 127.0.0.1:2223: Address already in use}, the OS's reason without the native transport's prefix.
 */
public final class ListenFailure extends RuntimeException {

    /** Netty's native transports say {@code bind(..) failed with error(-98): Address already in use}. */
    private static final Pattern NATIVE_PREFIX = Pattern.compile("^\\w+\\(\\.\\.\\) failed with error\\(-?\\d+\\): ");
    private static final String IN_USE = "Address already in use";

    private final boolean addressInUse;

    public ListenFailure(String key, Object address, Throwable cause) {
        super(key + " " + address + ": " + reason(cause), cause, false, false);
        this.addressInUse = cause instanceof BindException || reason(cause).equals(IN_USE);
    }

    /** Another socket holds the address (NIO's {@link BindException}, or the native transports' EADDRINUSE). */
    public boolean addressInUse() {
        return addressInUse;
    }

    private static String reason(Throwable cause) {
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return NATIVE_PREFIX.matcher(text).replaceFirst("");
    }
}
