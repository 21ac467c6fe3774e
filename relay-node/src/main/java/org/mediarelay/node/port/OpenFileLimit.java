package org.mediarelay.node.port;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether the process may open a socket for every media port. Each port of the range is one socket while its pair is
 * in use, so a limit below the range's size refuses calls long before the ports run out ("Too many open files").
 */
public final class OpenFileLimit {

    /** Descriptors kept for everything but media: cluster and control connections, CDR files, the JVM's own. */
    static final int RESERVE = 512;

    private OpenFileLimit() {
    }

    /** This process's open-file limit, where the JVM can tell (Unix). */
    public static OptionalLong current() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? OptionalLong.of(unix.getMaxFileDescriptorCount()) : OptionalLong.empty();
    }

    /** A warning for the operator when {@code limit} cannot cover every port of {@code ports}; else empty. */
    public static Optional<String> warning(long limit, PortRange ports) {
        return warning(limit, List.of(ports));
    }

    /** The same for the port ranges of all the node's interfaces. */
    public static Optional<String> warning(long limit, List<PortRange> ranges) {
        long needed = RESERVE + 2L * ranges.stream().mapToLong(PortRange::pairCount).sum();
        if (limit >= needed) {
            return Optional.empty();
        }
        long streams = Math.max(0, (limit - RESERVE) / 4);
        String what = ranges.size() == 1 ? "media.ports " + ranges.get(0)
                : "the media interfaces' port ranges " + String.join(", ", ranges.stream().map(String::valueOf).toList());
        return Optional.of("the open-file limit (" + limit + ") is below what " + what
                + " needs (" + needed + ": one socket per port, plus " + RESERVE + "): at most about " + streams
                + " streams (4 sockets each) can be relayed at once, and offers beyond that are refused; raise it to "
                + needed + " or more (systemd: LimitNOFILE=, shell: ulimit -n) or narrow media.ports");
    }
}
