package org.mediarelay.node.kernel;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/** What a node's start makes of {@code media.kernel}: the kernel path, or userspace and why. */
public sealed interface KernelStart {

    System.Logger LOG = System.getLogger(KernelStart.class.getName());

    /** The path to hand streams to, and the start line's words for it. */
    KernelPath path();

    String describe();

    record Kernel(KernelForwarder forwarder) implements KernelStart {
        @Override
        public KernelPath path() {
            return forwarder;
        }

        @Override
        public String describe() {
            return "kernel path on (nftables table " + forwarder.table() + (forwarder.forwarding()
                    ? "" : "; IP forwarding is off, so only streams between local parties go through the kernel") + ")";
        }
    }

    record Userspace(String reason) implements KernelStart {
        @Override
        public KernelPath path() {
            return KernelPath.NONE;
        }

        @Override
        public String describe() {
            return "kernel path off (" + reason + "): every packet through userspace";
        }
    }

    /** {@code on} and the kernel path is not available here: the node must not start. */
    final class Refused extends RuntimeException {
        public Refused(String reason) {
            super("media.kernel=on, but " + reason);
        }
    }

    /**
     * The kernel path as {@code mode} asks, with the node's own table created empty (a table a killed process left
     * behind is replaced before any port is used).
     *
     * @throws Refused when {@code mode} is {@code on} and the process may not use nftables here
     */
    static KernelStart open(KernelMode mode, String nodeId) {
        if (mode == KernelMode.OFF) {
            return new Userspace("media.kernel=off");
        }
        long pid = ProcessHandle.current().pid();
        KernelTable table = new KernelTable(pid, nodeId);
        LibNftables nft;
        try {
            nft = LibNftables.open();
        } catch (NftException e) {
            return unavailable(mode, e.getMessage());
        }
        try {
            dropStale(nft, pid, nodeId);
            nft.run(table.create(), false);
        } catch (NftException e) {
            nft.close();
            String why = e.getMessage().contains("Operation not permitted")
                    ? "the process may not change nftables (it needs CAP_NET_ADMIN)"
                    : "nftables refused the node's table: " + e.getMessage().lines().findFirst().orElse("");
            return unavailable(mode, why);
        }
        return new Kernel(new KernelForwarder(nft, table, localAddresses(), forwarding()));
    }

    /**
     * Deletes the tables no running mediarelay owns: this node's from an earlier life, this process's, and any whose
     * process is gone (killed: nothing took its routes out, and they would go on forwarding to ports others bind).
     */
    private static void dropStale(Nftables nft, long pid, String nodeId) throws NftException {
        for (KernelTable.Found t : KernelTable.tables(nft.run(KernelTable.listTables(), true))) {
            if (t.pid() == pid || t.nodeId().equals(nodeId) || !mediarelayRunning(t.pid())) {
                try {
                    nft.run(t.drop(), false);
                    LOG.log(Level.INFO, "deleted nftables table " + t.name() + " left by a process that is gone");
                } catch (NftException raced) {
                    LOG.log(Level.DEBUG, "table " + t.name() + " went meanwhile: " + raced.getMessage());
                }
            }
        }
    }

    /** Whether process {@code pid} is alive and runs mediarelay (a PID is reused once its process is gone). */
    private static boolean mediarelayRunning(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).contains("mediarelay");
        } catch (IOException gone) {
            return false;
        }
    }

    private static KernelStart unavailable(KernelMode mode, String reason) {
        if (mode == KernelMode.ON) {
            throw new Refused(reason);
        }
        return new Userspace(reason);
    }

    /** Whether this network namespace forwards IPv4 ({@code net.ipv4.ip_forward}). */
    private static boolean forwarding() {
        try {
            return Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip().equals("1");
        } catch (IOException e) {
            return false;
        }
    }

    private static Set<InetAddress> localAddresses() {
        Set<InetAddress> out = new HashSet<>();
        try {
            for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                out.addAll(Collections.list(i.getInetAddresses()));
            }
        } catch (SocketException e) {
            return Set.of();
        }
        return out;
    }
}
