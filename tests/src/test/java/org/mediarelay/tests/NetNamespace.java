package org.mediarelay.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of the test's own, with loopback up: every address of 127.0.0.0/8 and every port in it belongs
 * to the test, whatever else runs on the host. Needs root (CI and this project's machines run as root).
 */
final class NetNamespace implements AutoCloseable {

    private final String name;

    private NetNamespace(String name) {
        this.name = name;
    }

    static NetNamespace create(String prefix) throws IOException, InterruptedException {
        String name = prefix + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000000));
        run(List.of("ip", "netns", "add", name));
        NetNamespace ns = new NetNamespace(name);
        run(ns.exec(List.of("ip", "link", "set", "lo", "up")));
        return ns;
    }

    /** {@code command} run inside the namespace ({@code ip netns exec} execs it in place: the PID is the command's). */
    List<String> exec(List<String> command) {
        List<String> out = new ArrayList<>(prefix());
        out.addAll(command);
        return out;
    }

    List<String> prefix() {
        return List.of("ip", "netns", "exec", name);
    }

    /**
     * A veth pair from this namespace to {@code other}, like a cable between two hosts: this end gets {@code here}, the
     * other end every address of {@code there}, all in one /24 (IPv4) or /64 (IPv6, usable at once: no duplicate
     * address detection). Deleting either namespace removes the pair.
     */
    void link(NetNamespace other, String here, List<String> there) throws IOException, InterruptedException {
        String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000000));
        String near = "va" + id;
        String far = "vb" + id;
        run(List.of("ip", "link", "add", near, "netns", name, "type", "veth", "peer", "name", far, "netns",
                other.name));
        run(exec(addAddress(here, near)));
        run(exec(List.of("ip", "link", "set", near, "up")));
        for (String address : there) {
            run(other.exec(addAddress(address, far)));
        }
        run(other.exec(List.of("ip", "link", "set", far, "up")));
    }

    private static List<String> addAddress(String address, String device) {
        return address.indexOf(':') >= 0 ? List.of("ip", "-6", "addr", "add", address + "/64", "dev", device, "nodad")
                : List.of("ip", "addr", "add", address + "/24", "dev", device);
    }

    /** Whether this namespace has a route to {@code address} (the kernel's own answer). */
    boolean routes(String address) throws IOException, InterruptedException {
        try {
            run(exec(List.of("ip", "route", "get", address)));
            return true;
        } catch (IOException unreachable) {
            return false;
        }
    }

    /** These addresses (/32) on the namespace's loopback: local addresses of its own, as a host's NICs have. */
    void addresses(List<String> addresses) throws IOException, InterruptedException {
        for (String address : addresses) {
            run(exec(List.of("ip", "addr", "add", address + "/32", "dev", "lo")));
        }
    }

    /** Whether something listens on this UDP address:port in the namespace. */
    boolean udpBound(String address, int port) throws IOException, InterruptedException {
        return run(exec(List.of("ss", "-Hlun"))).contains(address + ":" + port + " ");
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            run(List.of("ip", "netns", "del", name));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while deleting network namespace " + name, e);
        }
    }
}
