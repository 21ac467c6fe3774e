package org.mediarelay.node.kernel;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether confirmed streams are handed to the kernel ({@code media.kernel}): {@code auto} where the process may
 * (nf_tables present, CAP_NET_ADMIN), {@code on} or refuse to start, {@code off} never.
 */
public enum KernelMode {
    AUTO, ON, OFF;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<KernelMode> fromToken(String token) {
        for (KernelMode m : values()) {
            if (m.token().equals(token)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
