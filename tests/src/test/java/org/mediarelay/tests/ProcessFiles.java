package org.mediarelay.tests;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A process's open files by kind, from {@code /proc/PID/fd}: {@code udp}, {@code tcp} (sockets, told apart by their
 * inodes in {@code /proc/net}), {@code socket} (any other), {@code anon_inode:[eventpoll]}, {@code pipe}, or the path.
 * What a leak check says when the count is off.
 */
final class ProcessFiles {

    private ProcessFiles() {
    }

    static Map<String, Integer> byKind(long pid) throws IOException {
        Map<String, String> protocolOf = new HashMap<>();
        for (String proto : new String[] {"udp", "udp6", "tcp", "tcp6"}) {
            Path table = Path.of("/proc", Long.toString(pid), "net", proto);
            if (Files.isReadable(table)) {
                Files.readAllLines(table).stream().skip(1).map(l -> l.trim().split("\\s+"))
                        .filter(f -> f.length > 9).forEach(f -> protocolOf.put(f[9], proto.replace("6", "")));
            }
        }
        Map<String, Integer> kinds = new TreeMap<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException closedMeanwhile) {
                    continue;
                }
                String kind = target.startsWith("socket:[")
                        ? protocolOf.getOrDefault(target.substring(8, target.length() - 1), "socket")
                        : target.startsWith("pipe:") ? "pipe" : target;
                kinds.merge(kind, 1, Integer::sum);
            }
        }
        return kinds;
    }
}
