package org.mediarelay.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The TCP sockets a process listens on, as {@code ss} reports them: one local address ({@code host:port}) each. */
final class ListeningSockets {

    private ListeningSockets() {
    }

    static List<String> tcp(long pid) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-H", "-l", "-t", "-n", "-p").redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ss.waitFor(30, TimeUnit.SECONDS), "ss did not answer");
        assertEquals(0, ss.exitValue(), out);
        return out.lines().filter(l -> l.contains("pid=" + pid + ",")).map(l -> l.trim().split("\\s+")[3]).toList();
    }

    /** The port of the process's Hazelcast member (5701 and up). */
    static int hazelcastPort(long pid) throws IOException, InterruptedException {
        List<String> mine = tcp(pid);
        return mine.stream().filter(a -> a.matches(".*:57\\d\\d")).map(a -> a.substring(a.lastIndexOf(':') + 1))
                .mapToInt(Integer::parseInt).findFirst()
                .orElseThrow(() -> new AssertionError("no Hazelcast port among " + mine));
    }
}
